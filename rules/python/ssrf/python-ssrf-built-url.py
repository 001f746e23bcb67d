import requests
from urllib.request import urlopen


def fetch_avatar(request):
    host = request.args.get("host")
    # ruleid: python-ssrf-built-url
    avatar = requests.get("http://" + host + "/avatar.png")
    # ruleid: python-ssrf-built-url
    page = urlopen(f"https://{host}/status")
    # ok: python-ssrf-built-url
    health = requests.get("https://api.example.com/health", timeout=5)
    # ok: python-ssrf-built-url
    search = requests.get("https://api.example.com/search", params={"q": host})
    return avatar, page, health, search
