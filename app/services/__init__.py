"""Services: one function per user intent. The only writers; the GUI, the CLI and tests share them."""
