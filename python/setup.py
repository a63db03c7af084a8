"""setup.py - builds the nutgraf Python package: the C extension
nutgraf._nutgraf, linked statically against the libnutgraf.a of the source
tree this folder sits in (built first with `make lib` when missing), and the
pure-Python modules nutgraf and nutgraf.dask.

    pip install --no-build-isolation --no-index ./python

NUTGRAF_ROOT names the source tree (default: the folder above this one),
NUTGRAF_BUILD its build folder (default: ROOT/build)."""
import os
import re
import shlex
import subprocess

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("NUTGRAF_ROOT", os.path.dirname(HERE))
BUILD = os.environ.get("NUTGRAF_BUILD", os.path.join(ROOT, "build"))
ARCHIVE = os.path.join(BUILD, "libnutgraf.a")


def makefile_pkgs():
    """The pkg-config packages the library links with: the PKGS lines of the
    Makefile, so that a back end added there (SQLite, PostgreSQL) is linked
    here too."""
    pkgs = []
    try:
        with open(os.path.join(ROOT, "Makefile")) as f:
            for line in f:
                m = re.match(r"PKGS\s*[:+]?=\s*(.*)", line)
                if m:
                    pkgs += m.group(1).split()
    except OSError:
        pass
    return " ".join(pkgs) or "libxml-2.0 libutf8proc jansson libcjson zlib libmicrohttpd sqlite3 libcurl"


PKGS = makefile_pkgs()


def pkg_config(flag):
    try:
        out = subprocess.run(["pkg-config", flag] + PKGS.split(), check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return shlex.split(out)


def version():
    with open(os.path.join(ROOT, "include", "nutgraf.h")) as f:
        for line in f:
            if line.startswith("#define NG_VERSION "):
                return line.split('"')[1]
    return "0"


if not os.path.exists(ARCHIVE) and os.path.exists(os.path.join(ROOT, "Makefile")):
    subprocess.run(["make", "-C", ROOT, "BUILD=" + os.path.relpath(BUILD, ROOT), "lib"], check=True)

ext = Extension(
    "nutgraf._nutgraf",
    sources=["src/_nutgraf.c"],
    include_dirs=[os.path.join(ROOT, "include")],
    extra_objects=[ARCHIVE],
    extra_compile_args=["-std=c11", "-Wall", "-Wextra", "-Werror"] + pkg_config("--cflags"),
    extra_link_args=pkg_config("--libs") + ["-lstemmer", "-lm", "-lpthread", "-ldl"],
    depends=[ARCHIVE, os.path.join(ROOT, "include", "nutgraf.h")],
)

setup(
    name="nutgraf",
    version=version(),
    description="News article highlights, quotes and entities (libnutgraf bindings)",
    packages=["nutgraf"],
    package_data={"nutgraf": ["py.typed", "*.pyi"]},
    ext_modules=[ext],
    python_requires=">=3.9",
)
