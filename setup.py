"""Package list for setuptools; all other metadata is in pyproject.toml.

resources/ is installed as the package `propdesk_resources` so `pip install .` carries the fonts,
translations and icons (app.paths.resource_path finds them there, in the source tree, or frozen).
"""

from setuptools import find_packages, setup

setup(
    # The data folders are listed as (namespace) packages so setuptools neither warns nor drops them.
    packages=find_packages(include=["app", "app.*", "ui", "ui.*"])
    + ["propdesk_resources", "propdesk_resources.fonts", "propdesk_resources.i18n"],
    package_dir={"propdesk_resources": "resources"},
    package_data={
        "propdesk_resources": ["icons/*"],
        "propdesk_resources.fonts": ["*.ttf", "*.txt"],
        "propdesk_resources.i18n": ["*.ts"],
    },
)
