"""Pages operators write under their desa page. Pass `parent=<DesaPage>`.

The portal tree itself (kabupaten → kecamatan → desa) is built by `setup_portal`.
"""

import datetime as dt

import factory
import wagtail_factories

from portal.models import NewsPage, PotensiPage, ProgressPage


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Kerja bakti warga {n}")
    date = factory.LazyFunction(dt.date.today)
    intro = "Warga bergotong royong membersihkan saluran air."
    body = "<p>Warga dan perangkat desa membersihkan saluran air.</p>"


class PotensiPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PotensiPage

    title = factory.Sequence(lambda n: f"Lada putih {n}")
    category = PotensiPage.Category.PRODUK_UNGGULAN
    summary = "Lada putih dari kebun warga."
    body = "<p>Lada putih dijemur dan dikemas oleh kelompok tani.</p>"


class ProgressPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgressPage

    title = factory.Sequence(lambda n: f"Jalan usaha tani {n}")
    activity = "Pengerasan jalan usaha tani"
    location = "Dusun I"
    funding_source = "Dana Desa 2026"
    progress_percent = 60
    date = factory.LazyFunction(dt.date.today)
