"""Certificates as Open Badges 3.0 credentials, signed by the kabupaten.

Every certificate is also an `OpenBadgeCredential` (W3C Verifiable Credentials Data
Model 2.0) with a Data Integrity proof of the `eddsa-jcs-2022` cryptosuite
(https://www.w3.org/TR/vc-di-eddsa/#eddsa-jcs-2022): the document and the proof
options are canonicalised with JCS (RFC 8785), each hashed with SHA-256, and the
two hashes (proof options first) are signed with the kabupaten's Ed25519 key.

The issuer is the kabupaten, a `did:web` whose document the site serves at
/kabupaten/<code>/did.json with every public key the kabupaten ever signed with.
Revocation is a W3C Bitstring Status List per kabupaten (index = the certificate's
id) that the credential points to, so a revocation needs no new signature; expiry
is the credential's `validUntil`. Credentials are signed when they are asked for.
"""

import base64
import copy
import gzip
import hashlib
import math
import uuid
import zoneinfo
from datetime import UTC, datetime, time
from urllib.parse import quote, urlsplit

import rfc8785
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regions.selectors import timezone_name_for_code

from .keys import IssuerKeyError, public_keys, signing_key
from .models import Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
CRYPTOSUITE = "eddsa-jcs-2022"
ED25519_PUB_MULTICODEC = b"\xed\x01"
# The smallest list the Bitstring Status List spec allows (16 KiB), for herd privacy.
STATUS_LIST_BITS = 131072
# Whose bit is set in the revocation list: no longer valid before their time.
ENDED_EARLY = [
    Certificate.Status.REVOKED,
    Certificate.Status.REPLACED,
    Certificate.Status.RENEWED,
]

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58btc(data: bytes) -> str:
    """Multibase base58-btc: 'z' followed by the Bitcoin base58 alphabet."""
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, rest = divmod(number, 58)
        digits.append(BASE58_ALPHABET[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "z" + "1" * zeros + "".join(reversed(digits))


def public_key_multibase(public_key) -> str:
    raw = public_key.public_bytes_raw()
    return base58btc(ED25519_PUB_MULTICODEC + raw)


def _site() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def kabupaten_code_of(certificate: Certificate) -> str:
    return certificate.desa_code[:5]


def issuer_did(*, kabupaten_code: str) -> str:
    """did:web:<host>[%3A<port>][:<path>]:kabupaten:<code> (resolves to did.json)."""
    parts = urlsplit(_site())
    host = quote(parts.netloc, safe="")  # a port's colon becomes %3A
    path = [quote(p, safe="") for p in parts.path.split("/") if p]
    return ":".join(["did:web", host, *path, "kabupaten", kabupaten_code])


def did_document_url(*, kabupaten_code: str) -> str:
    return _site() + reverse("issuers:did", args=[kabupaten_code])


def status_list_url(*, kabupaten_code: str) -> str:
    return _site() + reverse("issuers:status_list", args=[kabupaten_code])


def did_document(*, kabupaten_code: str) -> dict | None:
    """The kabupaten's DID document with all its public keys; None if it has none."""
    keys = public_keys(kabupaten_code=kabupaten_code)
    if not keys:
        return None
    did = issuer_did(kabupaten_code=kabupaten_code)
    methods = [
        {
            "id": f"{did}#key-{number}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": public_key_multibase(key),
        }
        for number, key in keys
    ]
    ids = [method["id"] for method in methods]
    return {
        "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def _missing_key(kabupaten_code):
    return IssuerKeyError(
        _(
            "Digital credentials of kabupaten %(code)s cannot be made yet: its signing "
            "key has not been created. Ask the site's administrator to run "
            "“manage.py create_issuer_key --kabupaten %(code)s”."
        )
        % {"code": kabupaten_code}
    )


def sign(document: dict, *, kabupaten_code: str, now: datetime | None = None) -> dict:
    """The document with an eddsa-jcs-2022 Data Integrity proof by the kabupaten."""
    key = signing_key(kabupaten_code=kabupaten_code)
    if key is None:
        raise _missing_key(kabupaten_code)
    did = issuer_did(kabupaten_code=kabupaten_code)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": _timestamp(now or timezone.now()),
        "verificationMethod": f"{did}#key-{key.number}",
        "proofPurpose": "assertionMethod",
    }
    return add_proof(document, proof_options=proof, private_key=key.private_key)


def add_proof(document: dict, *, proof_options: dict, private_key) -> dict:
    """Create Proof (eddsa-jcs-2022), steps 1–6 of the spec."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof = copy.deepcopy(proof_options)
    if "@context" in unsecured:
        proof["@context"] = copy.deepcopy(unsecured["@context"])
    hash_data = (
        hashlib.sha256(rfc8785.dumps(proof)).digest()
        + hashlib.sha256(rfc8785.dumps(unsecured)).digest()
    )
    proof["proofValue"] = base58btc(private_key.sign(hash_data))
    return {**unsecured, "proof": proof}


def _achievement_id(certificate):
    url = certificate.course.get_full_url()
    if url:
        return url
    return uuid.uuid5(
        uuid.NAMESPACE_URL, f"{_site()}/course/{certificate.course_id}"
    ).urn


def _valid_until(certificate):
    """The end of the last valid day, in the kabupaten's time zone."""
    zone = zoneinfo.ZoneInfo(timezone_name_for_code(certificate.desa_code))
    return _timestamp(datetime.combine(certificate.valid_until, time.max, tzinfo=zone))


def certificate_credential(
    certificate: Certificate, *, now: datetime | None = None
) -> dict:
    """The certificate as a signed OpenBadgeCredential (raises IssuerKeyError)."""
    code = kabupaten_code_of(certificate)
    if signing_key(kabupaten_code=code) is None:
        raise _missing_key(code)
    list_url = status_list_url(kabupaten_code=code)
    with translation.override(settings.LANGUAGE_CODE):
        credential = {
            "@context": [VC_CONTEXT, OB_CONTEXT],
            "id": certificate.get_verification_url(),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {
                "id": issuer_did(kabupaten_code=code),
                "type": ["Profile"],
                "name": f"Diskominfo {certificate.kabupaten_name}",
                "url": _site() + "/",
            },
            "validFrom": _timestamp(certificate.issued_at),
            "name": _("Certificate: %(course)s") % {"course": certificate.course_title},
            "description": _(
                "Certificate number %(number)s of %(holder)s, %(desa)s, %(kecamatan)s, "
                "%(kabupaten)s."
            )
            % {
                "number": certificate.number,
                "holder": certificate.holder_name,
                "desa": certificate.desa_name,
                "kecamatan": certificate.kecamatan_name,
                "kabupaten": certificate.kabupaten_name,
            },
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": [
                    {
                        "type": "IdentityObject",
                        "identityType": "name",
                        "hashed": False,
                        "identityHash": certificate.holder_name,
                    }
                ],
                "achievement": {
                    "id": _achievement_id(certificate),
                    "type": ["Achievement"],
                    "achievementType": "Certificate",
                    "name": certificate.course_title,
                    "description": certificate.course.summary
                    or certificate.course_title,
                    "criteria": {
                        "narrative": _(
                            "Completed every lesson of the course “%(course)s” and "
                            "passed its quizzes on Literasi Desa."
                        )
                        % {"course": certificate.course_title}
                    },
                },
            },
            "credentialStatus": {
                "id": f"{list_url}#{certificate.pk}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": str(certificate.pk),
                "statusListCredential": list_url,
            },
        }
    if certificate.valid_until:
        credential["validUntil"] = _valid_until(certificate)
    return sign(credential, kabupaten_code=code, now=now)


def encoded_status_list(indexes, *, length: int) -> str:
    """Multibase base64url (no padding) of the GZIP'd bitstring; index 0 = first bit."""
    bits = bytearray(length // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def status_list_credential(*, kabupaten_code: str, now: datetime | None = None) -> dict:
    """The signed revocation list of the kabupaten's certificates (raises IssuerKeyError)."""
    if signing_key(kabupaten_code=kabupaten_code) is None:
        raise _missing_key(kabupaten_code)
    now = now or timezone.now()
    ended = list(
        Certificate.objects.filter(
            desa_code__startswith=f"{kabupaten_code}.", status__in=ENDED_EARLY
        ).values_list("pk", flat=True)
    )
    # Big enough for every index handed out so far, in 16 KiB steps.
    highest = Certificate.objects.order_by("-pk").values_list("pk", flat=True).first()
    length = STATUS_LIST_BITS * max(
        1, math.ceil(((highest or 0) + 1) / STATUS_LIST_BITS)
    )
    url = status_list_url(kabupaten_code=kabupaten_code)
    document = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(kabupaten_code=kabupaten_code),
        "validFrom": _timestamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_status_list(ended, length=length),
        },
    }
    return sign(document, kabupaten_code=kabupaten_code, now=now)
