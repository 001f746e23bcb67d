import tarfile
import zipfile


def install_bundle(upload_path, dest):
    with tarfile.open(upload_path) as bundle:
        # ruleid: python-tarfile-unfiltered-extract
        bundle.extractall(dest)


def restore_backup(path, dest):
    archive = tarfile.open(path, "r:gz")
    for member in archive.getmembers():
        # ruleid: python-tarfile-unfiltered-extract
        archive.extract(member, dest)
    archive.close()


def install_bundle_safely(upload_path, dest):
    with tarfile.open(upload_path) as bundle:
        # ok: python-tarfile-unfiltered-extract
        bundle.extractall(dest, filter="data")


def unpack_zip(path, dest):
    # zipfile strips absolute paths and '..' from member names itself.
    with zipfile.ZipFile(path) as archive:
        # ok: python-tarfile-unfiltered-extract
        archive.extractall(dest)


def first_match(pattern, text):
    import re

    found = re.search(pattern, text)
    # ok: python-tarfile-unfiltered-extract
    return found.extract(0) if hasattr(found, "extract") else found


if __name__ == "__main__":
    import sys

    release = tarfile.open(sys.argv[1])
    # ruleid: python-tarfile-unfiltered-extract
    release.extractall("/opt/app")
