"""The Qt (PySide6) window: adapts alttext_app.core to signals and widgets."""
