"""The register kit's screens: labels through Qt's translation system (labels.py), one generic
RegisterDock for any declared register (register_dock.py), forms built from a transition's inputs
or the register's fields (transition_dialog.py) and the desk's Today panel (today.py)."""
