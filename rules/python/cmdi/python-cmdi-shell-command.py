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
