# setup.py, read from the syntax tree: install_requires, extras_require, tests_require.
from setuptools import setup

BASE = [
    "six>=1.10",
    'MySQL-python==1.2.5',
    "futures; python_version < '3'",
]

setup(
    name="legacy",
    version="1.0",
    install_requires=BASE + ["PIL", "Django==1.4.22"],
    extras_require={
        "pdf": ["pyPdf>=1.13"],
        "ldap": ["python-openid"],
        "mock": ["mock", "enum34"],
    },
    tests_require=["unittest2"],
    setup_requires=["setuptools_scm"],
)
