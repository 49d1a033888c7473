"""Demo threads of the consultation desk for Belitung Timur, called by `load_demo`.

Rows are written directly rather than through the services, so loading the demo
sends no email; timestamps are set back in time so the queue shows real waits.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from regions.models import Region

from .models import HelpMessage, HelpRequest

TRAINER = "pendamping.beltim"

# (desa code, operator, topic, subject, status, [(hours ago, author, body)])
THREADS = [
    (
        "19.06.02.2003",
        "operator.jangkarasam",
        HelpRequest.Topic.PHOTO,
        "Cara mengunggah foto kegiatan ke berita desa",
        HelpRequest.Status.CLOSED,
        [
            (
                9 * 24,
                "operator.jangkarasam",
                "Selamat pagi, Pak. Saya mau memasukkan foto kerja bakti di berita "
                "Desa Jangkar Asam, tetapi setelah saya pilih fotonya dari HP tidak "
                "muncul apa-apa. Bagaimana caranya?",
            ),
            (
                9 * 24 - 3,
                TRAINER,
                "Selamat pagi, Bu Siti. Di halaman berita, tekan tombol + lalu pilih "
                "blok 'Gambar', kemudian 'Pilih gambar' → 'Unggah'. Tunggu sampai "
                "tanda centang hijau muncul sebelum menekan Simpan. Kalau foto dari "
                "kamera HP lebih dari 5 MB, kecilkan dulu dengan mengirimnya lewat "
                "WhatsApp ke diri sendiri, lalu unggah yang dari WhatsApp.",
            ),
            (
                8 * 24,
                "operator.jangkarasam",
                "Sudah berhasil, Pak. Ternyata fotonya terlalu besar. Terima kasih.",
            ),
        ],
    ),
    (
        "19.06.02.2003",
        "operator.jangkarasam",
        HelpRequest.Topic.NEWS,
        "Berita sudah dikirim tetapi belum tampil di website",
        HelpRequest.Status.ANSWERED,
        [
            (
                2 * 24 + 5,
                "operator.jangkarasam",
                "Berita Musyawarah Desa sudah saya kirim kemarin sore, tapi di "
                "website Desa Jangkar Asam belum kelihatan. Apakah ada yang salah?",
            ),
            (
                2 * 24,
                TRAINER,
                "Tidak ada yang salah, Bu. Karena sertifikat Ibu belum terbit, berita "
                "masuk ke antrean moderasi dulu dan diperiksa admin Kecamatan Gantung. "
                "Setelah disetujui, berita langsung tampil. Setelah Ibu lulus kursus "
                "dan menerima sertifikat, Ibu bisa menerbitkan sendiri.",
            ),
        ],
    ),
    (
        "19.06.01.2012",
        "operator.mekarjaya",
        HelpRequest.Topic.POTENSI,
        "Menulis potensi wisata pantai dan UMKM desa",
        HelpRequest.Status.NEW,
        [
            (
                26,
                "operator.mekarjaya",
                "Assalamualaikum. Kami ingin mengisi halaman potensi Desa Mekar Jaya "
                "tentang wisata pantai dan UMKM kerupuk ikan. Sebaiknya satu halaman "
                "untuk semuanya atau dipisah? Lalu apa saja yang perlu ditulis?",
            ),
        ],
    ),
    (
        "19.06.01.2013",
        "kim.bentaianjaya",
        HelpRequest.Topic.PROGRESS,
        "Persentase progres jalan usaha tani tidak bisa diubah",
        HelpRequest.Status.ANSWERED,
        [
            (
                4 * 24,
                "kim.bentaianjaya",
                "Saya anggota KIM Bentaian Jaya. Di halaman progres pembangunan jalan "
                "usaha tani, angka persentasenya masih 40% padahal sudah 75%. Di mana "
                "mengubahnya?",
            ),
            (
                3 * 24 + 20,
                TRAINER,
                "Buka halaman progres tersebut di Dasbor, ubah kolom 'Persentase "
                "selesai' menjadi 75, tambahkan foto terbaru, lalu kirim untuk "
                "ditinjau. Angka di website berubah setelah halaman diterbitkan.",
            ),
        ],
    ),
]


@transaction.atomic
def create_demo_help_threads():
    """Add the demo threads that are not there yet; return how many were added."""
    now = timezone.now()
    users = {
        u.username: u
        for u in User.objects.filter(username__in={t[1] for t in THREADS} | {TRAINER})
    }
    desa_by_code = {
        r.code: r for r in Region.objects.filter(code__in={t[0] for t in THREADS})
    }
    added = 0
    for code, opener, topic, subject, status, messages in THREADS:
        desa = desa_by_code.get(code)
        if desa is None or opener not in users:
            continue
        if HelpRequest.objects.filter(desa=desa, subject=subject).exists():
            continue
        opened_at = now - timedelta(hours=messages[0][0])
        last_from_desa = min(
            hours_ago for hours_ago, author, _body in messages if author != TRAINER
        )
        help_request = HelpRequest.objects.create(
            desa=desa,
            opened_by=users[opener],
            topic=topic,
            subject=subject,
            status=status,
            waiting_since=now - timedelta(hours=last_from_desa)
            if status == HelpRequest.Status.NEW
            else None,
            closed_at=now - timedelta(hours=messages[-1][0] - 1)
            if status == HelpRequest.Status.CLOSED
            else None,
        )
        HelpRequest.objects.filter(pk=help_request.pk).update(created_at=opened_at)
        for hours_ago, author, body in messages:
            message = HelpMessage.objects.create(
                request=help_request,
                author=users.get(author),
                body=body,
                from_staff=author == TRAINER,
            )
            HelpMessage.objects.filter(pk=message.pk).update(
                created_at=now - timedelta(hours=hours_ago)
            )
        added += 1
    return added
