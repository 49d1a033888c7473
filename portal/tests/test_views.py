"""The public portal pages residents open on their phones."""

import pytest

from portal.factories import NewsPageFactory, PotensiPageFactory, ProgressPageFactory


class TestDesaPage:
    def test_residents_see_the_desas_published_pages(self, client, desa_page):
        """News, potensi and progress are listed; drafts are not."""
        NewsPageFactory(parent=desa_page, title="Posyandu balita")
        PotensiPageFactory(parent=desa_page, title="Lada putih Jangkar Asam")
        ProgressPageFactory(parent=desa_page, title="Jalan usaha tani Dusun I")
        draft = NewsPageFactory(parent=desa_page, title="Rapat desa", live=False)

        response = client.get(desa_page.url)

        assert response.status_code == 200
        body = response.content.decode()
        assert "<h1>Desa Jangkar Asam</h1>" in body
        assert "Kecamatan Gantung" in body
        for title in (
            "Posyandu balita",
            "Lada putih Jangkar Asam",
            "Jalan usaha tani Dusun I",
        ):
            assert title in body
        assert "Rapat desa" not in body
        assert client.get(f"{desa_page.url}{draft.slug}/").status_code == 404

    def test_the_page_address_follows_the_region_names(self, desa_page):
        """Kabupaten, kecamatan and desa read in the address."""
        assert desa_page.url == "/kabupaten-belitung-timur/gantung/jangkar-asam/"

    def test_the_page_shows_the_five_latest_news(self, client, desa_page):
        """Older news wait on their own pages; the desa page stays light."""
        for day in range(1, 8):
            NewsPageFactory(
                parent=desa_page, title=f"Kabar tanggal {day}", date=f"2026-01-0{day}"
            )

        body = client.get(desa_page.url).content.decode()

        assert "Kabar tanggal 7" in body and "Kabar tanggal 3" in body
        assert "Kabar tanggal 2" not in body and "Kabar tanggal 1" not in body

    @pytest.mark.parametrize("per_kind", [1, 5])
    def test_the_page_costs_a_fixed_number_of_queries(
        self, client, desa_page, per_kind, django_assert_num_queries
    ):
        """One or five items of each kind: the same queries, none per item."""
        for _ in range(per_kind):
            NewsPageFactory(parent=desa_page)
            PotensiPageFactory(parent=desa_page)
            ProgressPageFactory(parent=desa_page)
        client.get(desa_page.url)

        with django_assert_num_queries(13):
            response = client.get(desa_page.url)

        assert len(response.context["news_pages"]) == per_kind


class TestKecamatanAndPortalPages:
    def test_the_kecamatan_page_lists_its_desa(self, client, portal):
        """Gantung's page links to its 7 desa and none of Manggar's."""
        response = client.get("/kabupaten-belitung-timur/gantung/")

        body = response.content.decode()
        assert len(response.context["desa_pages"]) == 7
        assert "Desa Jangkar Asam" in body
        assert "Desa Mekar Jaya" not in body

    def test_the_portal_lists_the_seven_kecamatan(self, client, portal):
        """The kabupaten portal is the way into every kecamatan."""
        response = client.get(portal.url)

        assert [page.title for page in response.context["kecamatan_pages"]] == sorted(
            f"Kecamatan {name}"
            for name in (
                "Manggar",
                "Gantung",
                "Dendang",
                "Kelapa Kampit",
                "Damar",
                "Simpang Renggiang",
                "Simpang Pesak",
            )
        )
