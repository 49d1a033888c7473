"""Certificates as Open Badges 3.0 credentials, checked the way an outside verifier would.

The verifier below shares no code with the signing code (certificates.credentials):
it canonicalises with JCS (RFC 8785), resolves the issuer's did:web document over
HTTP (the test client), decodes base58 itself and checks the Ed25519 signature with
`cryptography`, following the eddsa-jcs-2022 "Verify Proof" algorithm. It is first
checked against the W3C test vector of vc-di-eddsa.
"""

import base64
import copy
import gzip
import hashlib
import io
import json
import stat
from datetime import datetime, timedelta
from urllib.parse import unquote, urlsplit

import pytest
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import (
    expire_certificates,
    issue_certificate,
    lift_revocation,
    reissue_certificate,
    revoke_certificate,
)
from courses.factories import build_course, finish_course

SITE = "https://literasi.example.id:8443"
HOST = "literasi.example.id:8443"
BELTIM_DID = "did:web:literasi.example.id%3A8443:kabupaten:19.06"

# ---------------------------------------------------------------------------
# An independent verifier
# ---------------------------------------------------------------------------

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58_decode(text):
    number = 0
    for char in text:
        number = number * 58 + ALPHABET.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def multibase_decode(value):
    assert value.startswith("z"), "only base58-btc multibase is expected"
    return base58_decode(value[1:])


def ed25519_from_multikey(value):
    raw = multibase_decode(value)
    assert raw[:2] == b"\xed\x01", "not an ed25519-pub multicodec key"
    assert len(raw) == 34
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def fetch_json(client, url):
    """GET a URL of the site under test, as a verifier on the internet would."""
    parts = urlsplit(url)
    assert parts.scheme == "https"
    response = client.get(parts.path, HTTP_HOST=parts.netloc, secure=True)
    assert response.status_code == 200, url
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def did_web_url(did):
    """did:web:<host>[:path...] -> https://<host>/<path>/did.json (did:web spec)."""
    method, name, *path = did.split(":")[1:]
    assert method == "web"
    return "https://" + unquote(name) + "/" + "/".join(path) + "/did.json"


def resolve_key(client, verification_method):
    """The public key a did:web verification method names, if its controller lists it."""
    did = verification_method.split("#")[0]
    document = fetch_json(client, did_web_url(did))
    assert document["id"] == did
    if verification_method not in document["assertionMethod"]:
        return None
    for method in document["verificationMethod"]:
        if method["id"] == verification_method:
            assert method["type"] == "Multikey"
            assert method["controller"] == did
            return ed25519_from_multikey(method["publicKeyMultibase"])
    return None


def proof_checks(secured, public_key):
    """eddsa-jcs-2022 Verify Proof: True if the signature covers this exact document."""
    proof = secured["proof"]
    if proof["type"] != "DataIntegrityProof" or proof["cryptosuite"] != (
        "eddsa-jcs-2022"
    ):
        return False
    unsecured = {k: v for k, v in secured.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in options:
        expected = options["@context"]
        if secured["@context"][: len(expected)] != expected:
            return False
        unsecured["@context"] = expected
    hash_data = (
        hashlib.sha256(rfc8785.dumps(options)).digest()
        + hashlib.sha256(rfc8785.dumps(unsecured)).digest()
    )
    try:
        public_key.verify(multibase_decode(proof["proofValue"]), hash_data)
    except (InvalidSignature, ValueError):
        return False
    return True


def verifies(client, credential):
    """Signed by a key its issuer publishes for assertions, and not altered since."""
    proof = credential["proof"]
    issuer = credential["issuer"]
    issuer_id = issuer["id"] if isinstance(issuer, dict) else issuer
    if proof["proofPurpose"] != "assertionMethod":
        return False
    if proof["verificationMethod"].split("#")[0] != issuer_id:
        return False  # nobody signs in another issuer's name
    public_key = resolve_key(client, proof["verificationMethod"])
    return public_key is not None and proof_checks(credential, public_key)


def revoked_per_status_list(client, credential):
    """Read the bit of the Bitstring Status List the credential points to."""
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    status_list = fetch_json(client, entry["statusListCredential"])
    assert verifies(client, status_list)
    assert status_list["issuer"] == credential["issuer"]["id"]
    subject = status_list["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")  # multibase base64url, no padding
    packed = base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    bits = gzip.decompress(packed)
    assert len(bits) * 8 >= 131072  # the spec's minimum, for herd privacy
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


class TestTheVerifierItself:
    def test_it_accepts_the_w3c_test_vector_and_refuses_it_altered(self):
        """vc-di-eddsa's eddsa-jcs-2022 example (TestVectors/eddsa-jcs-2022/signedJCS.json)."""
        key = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        signed = {
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://www.w3.org/ns/credentials/examples/v2",
            ],
            "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
            "type": ["VerifiableCredential", "AlumniCredential"],
            "name": "Alumni Credential",
            "description": "A minimum viable example of an Alumni Credential.",
            "issuer": "https://vc.example/issuers/5678",
            "validFrom": "2023-01-01T00:00:00Z",
            "credentialSubject": {
                "id": "did:example:abcdefgh",
                "alumniOf": "The School of Examples",
            },
            "proof": {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-jcs-2022",
                "created": "2023-02-24T23:36:38Z",
                "verificationMethod": f"did:key:{key}#{key}",
                "proofPurpose": "assertionMethod",
                "@context": [
                    "https://www.w3.org/ns/credentials/v2",
                    "https://www.w3.org/ns/credentials/examples/v2",
                ],
                "proofValue": "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJD"
                "MWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX",
            },
        }
        public_key = ed25519_from_multikey(key)
        assert proof_checks(signed, public_key)
        altered = copy.deepcopy(signed)
        altered["credentialSubject"]["alumniOf"] = "Another School"
        assert not proof_checks(altered, public_key)


# ---------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.CREDENTIAL_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.WAGTAILADMIN_BASE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "literasi.example.id"]


@pytest.fixture
def beltim_key():
    call_command("create_issuer_key", "--kabupaten", "19.06", stdout=quiet())


@pytest.fixture
def course(portal):
    return build_course(
        title="Operator Website Desa",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
    )


@pytest.fixture
def certificate(operator, course):
    return issue_certificate(operator=operator, course=course)


def download(client, certificate):
    response = client.get(
        f"/sertifikat/v/{certificate.token}/credential.json",
        HTTP_HOST=HOST,
        secure=True,
    )
    assert response.status_code == 200
    return response, json.loads(response.content)


def credential_of(client, certificate):
    return download(client, certificate)[1]


def quiet():
    return io.StringIO()


class TestCredential:
    def test_an_outside_verifier_accepts_the_downloaded_credential(
        self, beltim_key, certificate, client
    ):
        """Canonicalise, fetch the kabupaten's did:web key, check the Ed25519 proof."""
        response, credential = download(client, certificate)

        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "kredensial-" in response["Content-Disposition"]
        assert verifies(client, credential)
        assert credential["proof"]["verificationMethod"] == f"{BELTIM_DID}#key-1"
        assert not revoked_per_status_list(client, credential)

    def test_it_is_an_open_badge_of_the_kabupaten_for_the_holder_and_course(
        self, beltim_key, certificate, client
    ):
        credential = credential_of(client, certificate)

        assert credential["@context"] == [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ]
        assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert credential["id"] == f"{SITE}/sertifikat/v/{certificate.token}/"
        assert credential["issuer"]["id"] == BELTIM_DID
        assert credential["issuer"]["type"] == ["Profile"]
        assert credential["issuer"]["name"] == "Diskominfo Kabupaten Belitung Timur"
        subject = credential["credentialSubject"]
        assert subject["type"] == ["AchievementSubject"]
        assert subject["identifier"][0]["identityHash"] == "Siti Aminah"
        assert subject["achievement"]["type"] == ["Achievement"]
        assert subject["achievement"]["name"] == "Operator Website Desa"
        assert subject["achievement"]["criteria"]["narrative"]
        assert certificate.number in credential["description"]
        issued = datetime.fromisoformat(credential["validFrom"])
        assert abs(issued - certificate.issued_at) < timedelta(seconds=1)
        # Valid through the last day, in Belitung Timur's time zone (WIB, UTC+7).
        assert credential["validUntil"] == (
            f"{certificate.valid_until.isoformat()}T16:59:59Z"
        )

    @pytest.mark.parametrize(
        "alter",
        [
            pytest.param(lambda c: c.update(name="Sertifikat: Kursus Lain"), id="name"),
            pytest.param(
                lambda c: c.update(validUntil="2099-12-31T16:59:59Z"), id="validUntil"
            ),
            pytest.param(
                lambda c: c["credentialSubject"]["identifier"][0].update(
                    identityHash="Orang Lain"
                ),
                id="holder",
            ),
            pytest.param(
                lambda c: c["credentialSubject"]["achievement"].update(
                    name="Kursus Lain"
                ),
                id="achievement",
            ),
            pytest.param(
                lambda c: c["credentialStatus"].update(
                    statusListIndex=str(
                        int(c["credentialStatus"]["statusListIndex"]) + 1
                    )
                ),
                id="status-index",
            ),
            pytest.param(lambda c: c.pop("validUntil"), id="no-validUntil"),
            pytest.param(
                lambda c: c["proof"].update(created="2020-01-01T00:00:00Z"),
                id="proof-created",
            ),
        ],
    )
    def test_an_altered_credential_fails(self, alter, beltim_key, certificate, client):
        credential = credential_of(client, certificate)
        assert verifies(client, credential)

        altered = copy.deepcopy(credential)
        alter(altered)

        assert not verifies(client, altered)

    def test_another_kabupaten_key_does_not_verify(
        self, beltim_key, certificate, client
    ):
        """Banjarnegara's key neither stands in for nor signs as Belitung Timur."""
        from certificates.credentials import sign  # only to forge, never to verify

        call_command("create_issuer_key", "--kabupaten", "33.04", stdout=quiet())
        credential = credential_of(client, certificate)
        banjarnegara = "did:web:literasi.example.id%3A8443:kabupaten:33.04#key-1"

        swapped = copy.deepcopy(credential)
        swapped["proof"]["verificationMethod"] = banjarnegara
        assert not verifies(client, swapped)
        # The same claims genuinely signed by Banjarnegara's key: not Beltim's word.
        unsigned = {k: v for k, v in credential.items() if k != "proof"}
        forged = sign(unsigned, kabupaten_code="33.04")
        assert forged["proof"]["verificationMethod"] == banjarnegara
        assert proof_checks(forged, resolve_key(client, banjarnegara))
        assert not verifies(client, forged)

    def test_after_rotation_old_and_new_credentials_verify(
        self, beltim_key, certificate, client, settings
    ):
        old = credential_of(client, certificate)

        call_command(
            "create_issuer_key", "--kabupaten", "19.06", "--rotate", stdout=quiet()
        )

        new = credential_of(client, certificate)
        assert new["proof"]["verificationMethod"] == f"{BELTIM_DID}#key-2"
        assert verifies(client, old)
        assert verifies(client, new)
        folder = settings.CREDENTIAL_KEYS_DIR / "19.06"
        assert sorted(p.name for p in folder.iterdir()) == [
            "key-1.pub",  # the old secret is gone; its public half stays published
            "key-2.pem",
            "key-2.pub",
        ]

    def test_revocation_shows_in_the_status_list_without_new_signature(
        self, beltim_key, certificate, beltim_admin, client
    ):
        """The credential downloaded before stays intact; its status list says revoked."""
        before = credential_of(client, certificate)
        assert not revoked_per_status_list(client, before)

        revoke_certificate(actor=beltim_admin, certificate=certificate, reason="Salah")

        assert verifies(client, before)
        assert revoked_per_status_list(client, before)
        # A revoked certificate still downloads, and says so through its status.
        after = credential_of(client, certificate)
        assert verifies(client, after)
        assert revoked_per_status_list(client, after)

    def test_a_lifted_revocation_keeps_the_old_one_revoked_and_clears_the_new(
        self, beltim_key, certificate, beltim_admin, operator, course, client
    ):
        """Lifting lets a new certificate come; the revoked one stays revoked."""
        revoke_certificate(actor=beltim_admin, certificate=certificate, reason="Salah")
        lift_revocation(actor=beltim_admin, certificate=certificate, reason="Keliru")
        renewed = issue_certificate(operator=operator, course=course)

        assert revoked_per_status_list(client, credential_of(client, certificate))
        assert not revoked_per_status_list(client, credential_of(client, renewed))

    def test_a_replaced_certificate_is_revoked_in_the_list_and_its_successor_not(
        self, beltim_key, certificate, beltim_admin, client
    ):
        successor = reissue_certificate(
            actor=beltim_admin, certificate=certificate, reason="Ejaan nama"
        )

        assert revoked_per_status_list(client, credential_of(client, certificate))
        assert not revoked_per_status_list(client, credential_of(client, successor))

    def test_an_expired_certificate_is_told_by_valid_until_not_the_list(
        self, beltim_key, certificate, client
    ):
        expire_certificates(today=certificate.valid_until + timedelta(days=1))

        credential = credential_of(client, certificate)

        assert verifies(client, credential)
        until = datetime.fromisoformat(credential["validUntil"])
        assert until.date() == certificate.valid_until
        assert not revoked_per_status_list(client, credential)

    def test_the_status_list_covers_other_kabupaten_certificates_not(
        self, beltim_key, certificate, klampok_operator, course, banjarnegara_admin
    ):
        """Banjarnegara's revocations are not in Belitung Timur's list."""
        client = Client()
        call_command("create_issuer_key", "--kabupaten", "33.04", stdout=quiet())
        theirs = issue_certificate(operator=klampok_operator, course=course)
        revoke_certificate(actor=banjarnegara_admin, certificate=theirs, reason="x")
        ours = credential_of(client, certificate)
        ours["credentialStatus"]["statusListIndex"] = str(theirs.pk)

        assert not revoked_per_status_list(client, ours)
        assert revoked_per_status_list(client, credential_of(client, theirs))

    def test_public_json_and_did_document_send_cors_headers(
        self, beltim_key, certificate, client
    ):
        for path in (
            f"/sertifikat/v/{certificate.token}.json",
            "/kabupaten/19.06/did.json",
            "/kabupaten/19.06/status/revocation.json",
        ):
            response = client.get(path, HTTP_HOST=HOST, secure=True)
            assert response.status_code == 200, path
            assert response["Access-Control-Allow-Origin"] == "*", path
        assert client.get("/sertifikat/v/tidakada.json")[
            "Access-Control-Allow-Origin"
        ] == ("*")

    def test_did_document_lists_the_key_and_unknown_kabupaten_are_not_found(
        self, beltim_key, client, db
    ):
        document = fetch_json(client, did_web_url(BELTIM_DID))

        assert document["id"] == BELTIM_DID
        assert document["assertionMethod"] == [f"{BELTIM_DID}#key-1"]
        for path in (
            "/kabupaten/33.04/did.json",  # no key yet
            "/kabupaten/..%2F19.06/did.json",
            "/kabupaten/19.06.02/did.json",
            "/kabupaten/33.04/status/revocation.json",
        ):
            assert client.get(path).status_code == 404, path

    def test_without_a_key_the_download_explains_in_indonesian(
        self, certificate, client
    ):
        response = client.get(f"/sertifikat/v/{certificate.token}/credential.json")

        assert response.status_code == 404
        body = response.content.decode()
        assert "kunci penandatangan" in body
        assert "create_issuer_key --kabupaten 19.06" in body

    def test_unknown_token_is_not_found(self, beltim_key, client, db):
        assert client.get("/sertifikat/v/tidakada/credential.json").status_code == 404

    def test_credential_view_query_count(
        self, beltim_key, certificate, client, django_assert_num_queries
    ):
        credential_of(client, certificate)  # warm the site and time zone caches
        with django_assert_num_queries(1):
            credential_of(client, certificate)


class TestLinks:
    def test_kursus_saya_offers_the_credential(self, beltim_key, course, operator):
        finish_course(operator, course)  # the certificate comes on completion
        certificate = Certificate.objects.get(operator=operator, course=course)
        browser = Client()
        browser.force_login(operator)

        body = browser.get(reverse("courses:my_courses")).content.decode()

        assert f"/sertifikat/v/{certificate.token}/credential.json" in body
        assert "Unduh kredensial digital (Open Badges)" in body

    def test_the_verification_page_links_and_explains_it(
        self, beltim_key, certificate, client
    ):
        body = client.get(f"/sertifikat/v/{certificate.token}/").content.decode()

        assert f"/sertifikat/v/{certificate.token}/credential.json" in body
        assert "ditandatangani oleh kabupaten" in body


class TestIssuerKeyCommand:
    def test_the_key_lives_outside_database_and_media_readable_by_owner_only(
        self, settings, db
    ):
        call_command("create_issuer_key", "--kabupaten", "19.06", stdout=quiet())

        private = settings.CREDENTIAL_KEYS_DIR / "19.06" / "key-1.pem"
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
        assert b"PRIVATE KEY" in private.read_bytes()
        media = (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
        assert not any(private.is_relative_to(folder) for folder in media)

    def test_an_existing_key_is_never_overwritten_without_rotate(self, settings, db):
        call_command("create_issuer_key", "--kabupaten", "19.06", stdout=quiet())
        private = settings.CREDENTIAL_KEYS_DIR / "19.06" / "key-1.pem"
        before = private.read_bytes()

        with pytest.raises(CommandError, match="--rotate"):
            call_command("create_issuer_key", "--kabupaten", "19.06", stdout=quiet())

        assert private.read_bytes() == before
        assert len(list(private.parent.iterdir())) == 2

    @pytest.mark.parametrize("code", ["../etc", "19", "19.06.02", ""])
    def test_a_bad_code_is_refused(self, code, settings, db):
        with pytest.raises(CommandError, match="kabupaten"):
            call_command("create_issuer_key", "--kabupaten", code, stdout=quiet())
        assert not settings.CREDENTIAL_KEYS_DIR.exists()


def test_the_signing_code_reproduces_the_w3c_test_vector():
    """Our signer, fed the vector's key and options, gives the vector's proofValue."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from certificates.credentials import add_proof, public_key_multibase

    secret = base58_decode("3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
    assert secret[:2] == b"\x80\x26"  # ed25519-priv multicodec
    private_key = Ed25519PrivateKey.from_private_bytes(secret[2:])
    key = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    assert public_key_multibase(private_key.public_key()) == key
    context = [
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2",
    ]
    unsigned = {
        "@context": context,
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": "https://vc.example/issuers/5678",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:abcdefgh",
            "alumniOf": "The School of Examples",
        },
    }
    signed = add_proof(
        unsigned,
        proof_options={
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-jcs-2022",
            "created": "2023-02-24T23:36:38Z",
            "verificationMethod": f"did:key:{key}#{key}",
            "proofPurpose": "assertionMethod",
        },
        private_key=private_key,
    )
    assert signed["proof"]["@context"] == context
    assert signed["proof"]["proofValue"] == (
        "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJD"
        "MWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
    )


@pytest.mark.parametrize("inside", ["MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"])
def test_manage_check_refuses_keys_inside_media(inside, settings, tmp_path):
    settings.CREDENTIAL_KEYS_DIR = getattr(settings, inside) / "keys"
    with pytest.raises(SystemCheckError, match="certificates.E001"):
        call_command("check", stdout=quiet())
    settings.CREDENTIAL_KEYS_DIR = tmp_path / "elsewhere"
    call_command("check", stdout=quiet())
