import pytest

from letters.pki import SigningFiles, create_development_pki


@pytest.fixture(scope="session")
def signing_files(tmp_path_factory) -> SigningFiles:
    """One development CA and signing certificate for the whole run (what `make run` creates)."""
    folder = tmp_path_factory.mktemp("pki")
    files = SigningFiles(key=folder / "signing-key.pem", cert=folder / "signing-cert.pem", ca=folder / "ca-cert.pem")
    create_development_pki(files)
    return files


@pytest.fixture(autouse=True)
def _signing_settings(settings, signing_files):
    settings.LETTER_SIGNING_KEY = signing_files.key
    settings.LETTER_SIGNING_CERT = signing_files.cert
    settings.LETTER_SIGNING_CA = signing_files.ca
