"""Train and fine-tune captioners on the user's own image–caption pairs (`alttext train`).

Qt-free. Importing this package imports neither torch nor transformers: the data readers, the
metrics and the synthetic-scene generator are plain Python/numpy/PIL; the training loop
(`training.loop`) and model set-up (`training.bases`) import torch when they run.
"""
