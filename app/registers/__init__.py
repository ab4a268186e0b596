"""The office's registers, each declared in the register kit (app/kit). Importing a module here
declares its registers; `app.kit.registry.load_all()` imports them all."""
