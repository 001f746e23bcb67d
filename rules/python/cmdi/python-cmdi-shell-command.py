import tempfile
import os
import subprocess


def archive(filename, user):
    # ruleid: python-cmdi-shell-command
    os.system("tar czf /tmp/backup.tgz " + filename)
    # ruleid: python-cmdi-shell-command
    subprocess.call(f"grep {user} /etc/passwd", shell=True)
    cmd = "ls -l %s" % filename
    # ruleid: python-cmdi-shell-command
    out = subprocess.check_output(cmd, shell=True)
    # ruleid: python-cmdi-shell-command
    os.popen("cat " + filename)
    # ok: python-cmdi-shell-command
    subprocess.run(["tar", "czf", "/tmp/backup.tgz", filename])
    # ok: python-cmdi-shell-command
    subprocess.run(["grep", user, "/etc/passwd"], shell=False)
    # ok: python-cmdi-shell-command
    os.system("uptime")
    # ok: python-cmdi-shell-command
    subprocess.call("ls -l /var/log", shell=True)
    return out


def page(text):
    # A name the program makes itself (a temporary file's, the process id) is no one's input.
    filename = tempfile.mktemp()
    # ok: python-cmdi-shell-command
    os.system('more "%s"' % filename)
    # ok: python-cmdi-shell-command
    os.system("kill -HUP %d" % os.getpid())
    named = tempfile.mktemp(suffix=text)
    # ruleid: python-cmdi-shell-command
    os.system('more "%s"' % named)
    (handle, made) = tempfile.mkstemp()
    os.close(handle)
    # ok: python-cmdi-shell-command
    os.system('more "%s"' % made)
    with tempfile.TemporaryDirectory() as workdir:
        # ok: python-cmdi-shell-command
        os.system("ls " + os.path.join(workdir, "out.txt"))
    with tempfile.NamedTemporaryFile() as spool:
        # ok: python-cmdi-shell-command
        os.system("wc -l '%s'" % spool.name)
    with open(text) as given:
        # ruleid: python-cmdi-shell-command
        os.system("lpr " + given.name)


# An argument list joined back into one string and handed to the shell is a command line again.
def archive(source, target):
    argv = ["tar", "-czf", target, "-C", source, "."]
    # ruleid: python-cmdi-shell-command
    subprocess.run(" ".join(argv), shell=True, check=True)
    # ok: python-cmdi-shell-command
    subprocess.run(argv, check=True)
    # ok: python-cmdi-shell-command
    subprocess.run(" ".join(["sync", "--all"]), shell=True, check=True)
