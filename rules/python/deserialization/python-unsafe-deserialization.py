import json
import pickle
import yaml


def restore(blob, text):
    # ruleid: python-unsafe-deserialization
    session = pickle.loads(blob)
    # ruleid: python-unsafe-deserialization
    config = yaml.load(text, Loader=yaml.Loader)
    # ruleid: python-unsafe-deserialization
    legacy = yaml.load(text)
    # ok: python-unsafe-deserialization
    settings = yaml.safe_load(text)
    # ok: python-unsafe-deserialization
    data = json.loads(text)
    # ok: python-unsafe-deserialization
    other = yaml.load(text, Loader=yaml.SafeLoader)
    return session, config, legacy, settings, data, other


def load_defaults(blob_from_client):
    import base64
    # ruleid: python-unsafe-deserialization
    client = pickle.loads(base64.b64decode(blob_from_client))
    # ok: python-unsafe-deserialization
    builtin = pickle.loads(base64.b64decode("gASVBQAAAAAAAACMAWGULg=="))
    return client, builtin
