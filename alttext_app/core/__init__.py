"""Everything that is not GUI. Nothing under this package may import Qt (see tests/test_architecture.py)."""
