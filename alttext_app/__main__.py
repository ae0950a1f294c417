"""`python -m alttext_app` opens the window."""

import sys

from alttext_app.gui.app import main

sys.exit(main())
