import tempfile


def export(rows):
    # ruleid: python-insecure-temp-file
    path = tempfile.mktemp(suffix=".csv")
    # ok: python-insecure-temp-file
    handle = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)
    # ok: python-insecure-temp-file
    fd, other = tempfile.mkstemp()
    return path, handle, fd, other
