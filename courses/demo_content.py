"""Demo learning content: the course "Operator Website Desa: Dasar".

Plain Python data, in Bahasa Indonesia, for desa website operators (perangkat desa
and KIM members). COURSE holds the course, its five modules, their lessons and one
quiz per module, in the shapes the StreamFields in ``courses.blocks`` expect:

- lesson ``body``: a list of ``(block_type, value)`` tuples, where block_type is
  "text" (HTML: p, h2, h3, b, i, ol, ul, li, a), "tip" / "warning" ({"title",
  "text"}), "steps" ({"title", "steps": [{"title", "text"}]}) or "checklist"
  ({"title", "items"}). Callout and step texts use only p, b, i and a.
- quiz ``questions``: a list of ``(question_type, value)`` tuples, where
  question_type is "single", "multiple", "true_false" or "short_text".

Course duration: about 70 minutes of reading (15 lessons of 250-370 words, read
slowly on a phone), about 45 minutes for the five quizzes (34 questions, 32 per
attempt) and their feedback, and about 35 minutes of practice the lessons ask for (a
first draft, a news item, photos made smaller, a progres pembangunan draft): 150.
"""

COURSE = {
    "title": "Operator Website Desa: Dasar",
    "slug": "operator-website-desa-dasar",
    "summary": (
        "Kursus dasar untuk operator website desa: mengenal portal, menulis berita, "
        "memotret dengan hemat data, mengisi potensi desa dan progres pembangunan, "
        "serta bermedia digital dengan aman dan etis. Lulus semua kuis, dapatkan "
        "sertifikat dan hak menerbitkan di halaman desa Anda."
    ),
    "audience": "operator",
    "level": "dasar",
    "duration_minutes": 150,
    "tags": [
        "website desa",
        "operator",
        "berita desa",
        "potensi desa",
        "progres pembangunan",
        "foto",
        "literasi digital",
    ],
    "modules": [
        # ------------------------------------------------------------------ 1
        {
            "title": "Mengenal portal desa",
            "slug": "mengenal-portal-desa",
            "summary": (
                "Apa itu portal desa, siapa saja yang mengurusnya, cara masuk dan "
                "menjaga akun, serta alur tulisan dari draf sampai terbit."
            ),
            "lessons": [
                {
                    "title": "Portal desa dan siapa saja yang mengurusnya",
                    "slug": "portal-dan-peran",
                    "summary": "Mengenal portal kabupaten, halaman milik desa Anda, dan tugas operator, moderator, serta Diskominfo.",
                    "duration_minutes": 5,
                    "body": [
                        (
                            "text",
                            "<p>Setiap desa punya cerita. Ada jalan usaha tani yang baru dicor, posyandu yang ramai setiap bulan, keripik singkong buatan ibu-ibu PKK, atau pantai yang mulai didatangi wisatawan. Portal desa adalah tempat cerita-cerita itu ditulis, supaya warga, perantau, dan pemerintah daerah bisa membacanya.</p>"
                            "<p>Portal ini dikelola oleh kabupaten. Setiap desa mendapat halaman sendiri di dalamnya. Anda tidak perlu membuat website dari nol, membeli nama domain, atau mengurus server. Tugas Anda adalah mengisi halaman desa dengan informasi yang benar dan terbaru.</p>"
                            "<h2>Apa saja isi halaman desa?</h2>"
                            "<ul>"
                            "<li><b>Profil desa</b>: sejarah singkat, nama kepala desa, alamat kantor, kontak, dan foto.</li>"
                            "<li><b>Berita</b>: kegiatan dan kejadian di desa, misalnya musyawarah desa, posyandu, atau kerja bakti.</li>"
                            "<li><b>Potensi desa</b>: ekonomi, wisata, dan produk unggulan, lengkap dengan foto.</li>"
                            "<li><b>Progres pembangunan</b>: kegiatan, lokasi, anggaran, persen kemajuan, tanggal, dan foto.</li>"
                            "</ul>"
                            "<h2>Kenapa ini penting?</h2>"
                            "<p>Di Kabupaten Belitung Timur, Diskominfo menemukan hanya 10 dari 39 website desa yang aktif. Sisanya jarang diisi atau mati sama sekali. Masalahnya bukan pada alat, tetapi pada orang: tidak ada yang ditugaskan, atau yang ditugaskan belum percaya diri.</p>"
                            "<p>Di Kecamatan Purworeja Klampok, Banjarnegara, setiap desa diminta menunjuk satu operator. Operator itulah yang mengisi potensi desa dan progres pembangunan, supaya warga bisa ikut memantau pembangunan di desanya.</p>"
                            "<h2>Siapa melakukan apa?</h2>"
                            "<ul>"
                            "<li><b>Operator desa</b>: perangkat desa atau anggota KIM (Kelompok Informasi Masyarakat) yang ditunjuk kepala desa. Menulis berita, mengisi potensi dan progres pembangunan, mengunggah foto.</li>"
                            "<li><b>Moderator</b>: admin kecamatan atau Diskominfo. Membaca tulisan yang dikirim operator, lalu menerbitkannya atau meminta perbaikan.</li>"
                            "<li><b>Diskominfo kabupaten</b>: membangun portal, membuat akun operator, melatih dan mendampingi, serta memantau desa mana yang sudah aktif.</li>"
                            "</ul>",
                        ),
                        (
                            "tip",
                            {
                                "title": "Satu operator utama, satu cadangan",
                                "text": "<p>Usulkan kepada kepala desa agar ada satu operator utama dan satu cadangan. Kalau operator utama sakit, cuti, atau pindah tugas, halaman desa tetap hidup.</p>",
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Sebelum mulai, pastikan:",
                                "items": [
                                    "Kepala desa sudah menunjuk Anda sebagai operator",
                                    "Anda sudah menerima nama pengguna dan kata sandi sekali pakai dari kecamatan atau Diskominfo",
                                    "Nomor HP Anda sudah didaftarkan di akun, kalau ingin masuk dengan nomor HP",
                                    "Anda tahu siapa moderator untuk desa Anda",
                                    "Anda punya ponsel atau komputer yang bisa membuka internet",
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Masuk ke portal dan menjaga akun",
                    "slug": "masuk-dan-menjaga-akun",
                    "summary": "Cara masuk dengan nama pengguna atau nomor HP, mengganti kata sandi sekali pakai, dan menyerahkan tugas dengan benar setelah pilkades.",
                    "duration_minutes": 5,
                    "body": [
                        (
                            "text",
                            "<p>Akun operator dibuat oleh admin kecamatan atau Diskominfo. Anda akan menerima dua hal: <b>nama pengguna</b> (contoh: <i>siti.sukamaju</i>) dan <b>kata sandi sekali pakai</b> (contoh: <i>k7mq2-x9tfa</i>). Biasanya keduanya diberikan di atas kertas saat pelatihan. Untuk masuk, Anda boleh memakai nama pengguna atau nomor HP yang terdaftar.</p>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Masuk pertama kali",
                                "steps": [
                                    {
                                        "title": "Buka alamat portal",
                                        "text": "<p>Buka alamat yang diberikan Diskominfo di peramban (browser) ponsel, misalnya Chrome. Simpan sebagai penanda (bookmark) agar mudah dibuka lagi.</p>",
                                    },
                                    {
                                        "title": "Isi nama pengguna atau nomor HP",
                                        "text": "<p>Nomor HP boleh ditulis seperti biasa, misalnya <i>0812 3456 7890</i>.</p>",
                                    },
                                    {
                                        "title": "Ketik kata sandi sekali pakai",
                                        "text": "<p>Perhatikan tanda hubung di tengahnya. Semua hurufnya huruf kecil. Angka 0 dan 1 serta huruf o, l, dan i sengaja tidak dipakai, jadi Anda tidak perlu ragu membacanya.</p>",
                                    },
                                    {
                                        "title": "Buat kata sandi sendiri",
                                        "text": "<p>Portal langsung meminta Anda membuat kata sandi baru. Minimal 8 karakter, tidak boleh hanya angka, dan tidak boleh mirip nama Anda. Ketik dua kali yang sama.</p>",
                                    },
                                    {
                                        "title": "Musnahkan kertasnya",
                                        "text": "<p>Setelah kata sandi baru jadi, kertas tadi tidak berguna lagi. Sobek kecil-kecil, jangan ditinggal di meja kantor desa.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "text",
                            "<h2>Lupa kata sandi?</h2>"
                            "<p>Jangan membuat akun baru, dan jangan meminjam akun orang lain. Hubungi admin kecamatan atau Diskominfo. Mereka akan memberi kata sandi sekali pakai yang baru, dan kata sandi lama langsung tidak berlaku.</p>"
                            "<h2>Menjaga kata sandi</h2>"
                            "<ul>"
                            "<li>Jangan ditempel di dinding kantor atau diselipkan di casing ponsel.</li>"
                            "<li>Jangan dikirim lewat WhatsApp, termasuk ke grup perangkat desa.</li>"
                            "<li>Jangan memakai tanggal lahir, nama anak, atau nama desa.</li>"
                            "<li>Kalau perlu dicatat, tulis di buku catatan pribadi yang Anda bawa pulang.</li>"
                            "</ul>",
                        ),
                        (
                            "warning",
                            {
                                "title": "Setelah pilkades atau pergantian perangkat",
                                "text": "<p>Banyak website desa mati karena operatornya berganti setelah pemilihan kepala desa, dan tidak ada lagi yang tahu kata sandinya. <b>Jangan mewariskan kata sandi.</b> Akun itu milik pribadi. Yang diserahkan adalah tugasnya, bukan kata sandinya.</p>",
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Serah terima operator yang benar",
                                "items": [
                                    "Kepala desa menunjuk operator baru secara tertulis",
                                    "Kecamatan atau Diskominfo diberi tahu tentang pergantian",
                                    "Operator baru mendapat akun sendiri dengan kata sandi sekali pakai",
                                    "Akun operator lama dinonaktifkan; tulisannya tetap tersimpan",
                                    "Operator lama menceritakan draf yang belum selesai dan tulisan yang sedang dimoderasi",
                                    "Operator baru membaca riwayat tanya-jawab desa di meja konsultasi",
                                    "Operator baru mengikuti kursus ini sampai mendapat sertifikat",
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Dari draf sampai terbit",
                    "slug": "draf-moderasi-terbit",
                    "summary": "Alur menulis di portal: simpan draf, kirim untuk moderasi, lalu terbitkan sendiri setelah Anda bersertifikat.",
                    "duration_minutes": 4,
                    "body": [
                        (
                            "text",
                            "<p>Semua tulisan di portal, baik berita, potensi desa, maupun progres pembangunan, melewati alur yang sama. Alur ini menjaga agar yang tampil di internet atas nama desa sudah benar dan pantas.</p>"
                            "<h2>Tiga tombol yang perlu Anda kenal</h2>"
                            "<ol>"
                            "<li><b>Simpan draf</b>: tulisan disimpan, tetapi belum terlihat oleh warga. Anda bisa melanjutkannya kapan saja. Tekan tombol ini sesering mungkin, apalagi kalau sinyal sedang naik-turun.</li>"
                            "<li><b>Kirim untuk moderasi</b>: tulisan dikirim ke moderator, yaitu admin kecamatan atau Diskominfo. Moderator membacanya, lalu menerbitkan atau meminta perbaikan.</li>"
                            "<li><b>Terbitkan</b>: tulisan langsung tampil di portal. Tombol ini baru bisa Anda pakai setelah lulus kursus ini dan mendapat sertifikat.</li>"
                            "</ol>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Latihan: membuat draf pertama",
                                "steps": [
                                    {
                                        "title": "Buka halaman desa Anda",
                                        "text": "<p>Setelah masuk, buka menu <b>Halaman</b>, lalu cari halaman desa Anda di bawah nama kecamatan.</p>",
                                    },
                                    {
                                        "title": "Tambah subhalaman",
                                        "text": "<p>Pilih <b>Tambah subhalaman</b>, lalu pilih jenisnya: berita, potensi desa, atau progres pembangunan.</p>",
                                    },
                                    {
                                        "title": "Isi, lalu simpan draf",
                                        "text": "<p>Tulis judul dan isinya. Tekan <b>Simpan draf</b> setiap beberapa menit. Kalau sinyal putus, tulisan yang sudah tersimpan tidak hilang.</p>",
                                    },
                                    {
                                        "title": "Kirim untuk moderasi",
                                        "text": "<p>Kalau sudah yakin, tekan tanda panah di sebelah tombol simpan, lalu pilih <b>Kirim untuk moderasi</b>.</p>",
                                    },
                                    {
                                        "title": "Pantau hasilnya",
                                        "text": "<p>Kalau moderator meminta perbaikan, Anda akan melihat catatannya. Perbaiki, simpan draf, lalu kirim lagi.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "text",
                            "<h2>Kenapa hak terbit baru diberikan setelah sertifikat?</h2>"
                            "<p>Tulisan di portal membawa nama desa dan pemerintah kabupaten. Sekali tersebar, tangkapan layarnya bisa beredar di grup WhatsApp walaupun tulisannya sudah dihapus. Karena itu operator belajar dulu: menulis dengan jelas, memeriksa fakta, menjaga data pribadi warga, dan memakai foto dengan benar.</p>"
                            "<p>Selama belum bersertifikat, Anda tetap boleh menulis sebanyak-banyaknya. Moderator yang membantu menerbitkan. Setelah Anda lulus semua kuis di kursus ini, sertifikat terbit dan hak menerbitkan langsung aktif.</p>"
                            "<p>Sertifikat bisa dicabut atau habis masa berlakunya. Kalau itu terjadi, hak terbit ikut berhenti, dan tulisan Anda kembali lewat moderasi.</p>",
                        ),
                        (
                            "tip",
                            {
                                "title": "Tetap minta dibaca orang lain",
                                "text": "<p>Walaupun nanti sudah bisa menerbitkan sendiri, mintalah sekretaris desa atau rekan membaca dulu tulisan yang penting, misalnya laporan anggaran atau hasil musyawarah.</p>",
                            },
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Kuis: Mengenal portal desa",
                "slug": "kuis",
                "intro": "Jawab 6 pertanyaan tentang portal, akun, dan alur terbit. Nilai lulus 70; Anda punya 3 kali kesempatan, dan nilai tertinggi yang dicatat.",
                "pass_mark": 70,
                "max_attempts": 3,
                "time_limit_minutes": None,
                "shuffle_questions": False,
                "shuffle_choices": True,
                "questions_per_attempt": None,
                "show_answers": "after_attempt",
                "grading": "highest",
                "questions": [
                    (
                        "single",
                        {
                            "question": "Siapa yang memeriksa dan menyetujui tulisan yang dikirim operator untuk moderasi?",
                            "explanation": "Moderator adalah admin kecamatan atau Diskominfo. Merekalah yang menerbitkan tulisan atau meminta perbaikan.",
                            "choices": [
                                {
                                    "text": "Moderator, yaitu admin kecamatan atau Diskominfo",
                                    "correct": True,
                                },
                                {
                                    "text": "Anggota grup WhatsApp perangkat desa",
                                    "correct": False,
                                },
                                {
                                    "text": "Operator desa tetangga di kecamatan yang sama",
                                    "correct": False,
                                },
                                {
                                    "text": "Siapa saja yang membuka portal",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "single",
                        {
                            "question": "Anda baru menerima kata sandi sekali pakai di atas kertas. Apa yang terjadi saat pertama kali masuk?",
                            "explanation": "Kata sandi sekali pakai hanya untuk masuk pertama kali. Portal langsung meminta Anda membuat kata sandi sendiri, lalu kertasnya dimusnahkan.",
                            "choices": [
                                {
                                    "text": "Anda diminta membuat kata sandi sendiri, lalu kertasnya dimusnahkan",
                                    "correct": True,
                                },
                                {
                                    "text": "Kata sandi itu dipakai terus, dan kertasnya ditempel di kantor desa",
                                    "correct": False,
                                },
                                {
                                    "text": "Anda harus mendaftar akun baru dengan nomor HP",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "multiple",
                        {
                            "question": "Operator desa berganti setelah pemilihan kepala desa. Mana saja langkah yang benar? (Pilih semua yang benar.)",
                            "explanation": "Akun itu pribadi: operator baru mendapat akun sendiri, akun lama dinonaktifkan (bukan dihapus, supaya riwayat tulisan tetap ada), dan kecamatan atau Diskominfo diberi tahu. Kata sandi tidak pernah diwariskan.",
                            "scoring": "partial",
                            "choices": [
                                {
                                    "text": "Kecamatan atau Diskominfo diberi tahu tentang pergantian",
                                    "correct": True,
                                },
                                {
                                    "text": "Operator baru mendapat akun sendiri dengan kata sandi sekali pakai",
                                    "correct": True,
                                },
                                {
                                    "text": "Akun operator lama dinonaktifkan",
                                    "correct": True,
                                },
                                {
                                    "text": "Operator lama memberikan kata sandinya kepada operator baru",
                                    "correct": False,
                                },
                                {
                                    "text": "Akun lama dihapus beserta semua tulisannya",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Sebelum mendapat sertifikat, operator sudah boleh menulis, menyimpan draf, dan mengirimnya untuk moderasi.",
                            "explanation": "Benar. Yang belum boleh hanya menerbitkan sendiri. Tulisan tetap bisa terbit lewat moderator.",
                            "answer": True,
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Menekan Simpan draf membuat tulisan langsung bisa dibaca warga di portal.",
                            "explanation": "Salah. Draf hanya tersimpan dan belum terlihat oleh warga. Tulisan baru tampil setelah diterbitkan.",
                            "answer": False,
                        },
                    ),
                    (
                        "short_text",
                        {
                            "question": "Tombol apa yang Anda tekan agar tulisan diperiksa oleh moderator? Tulis nama tombolnya.",
                            "explanation": "Tombolnya Kirim untuk moderasi. Tulisan masuk ke antrean moderator, yang lalu menerbitkan atau meminta perbaikan.",
                            "accepted": [
                                "Kirim untuk moderasi",
                                "Kirim untuk dimoderasi",
                                "Kirim ke moderasi",
                                "Kirim ke moderator",
                                "Kirim moderasi",
                            ],
                        },
                    ),
                ],
            },
        },
        # ------------------------------------------------------------------ 2
        {
            "title": "Menulis berita desa",
            "slug": "menulis-berita-desa",
            "summary": (
                "Menulis berita yang jelas dan benar: rumus 5W+1H, judul yang baik, "
                "paragraf pendek, memeriksa fakta dan nama, serta memberitakan "
                "musyawarah desa, posyandu, dan gotong royong tepat waktu."
            ),
            "lessons": [
                {
                    "title": "Rumus 5W+1H dan judul yang baik",
                    "slug": "5w1h-dan-judul",
                    "summary": "Enam pertanyaan yang membuat berita lengkap, dan cara membuat judul yang singkat dan jelas.",
                    "duration_minutes": 4,
                    "body": [
                        (
                            "text",
                            "<p>Berita desa tidak perlu panjang. Yang penting, pembaca langsung paham apa yang terjadi. Wartawan memakai rumus sederhana yang disebut <b>5W+1H</b>: apa, siapa, kapan, di mana, mengapa, dan bagaimana.</p>"
                            "<h2>Enam pertanyaan</h2>"
                            "<p>Contohnya berita kerja bakti berikut.</p>"
                            "<ul>"
                            "<li><b>Apa</b> yang terjadi? Kerja bakti membersihkan saluran irigasi.</li>"
                            "<li><b>Siapa</b> yang terlibat? Sekitar 60 warga Dusun Krajan bersama perangkat desa.</li>"
                            "<li><b>Kapan</b>? Minggu, 12 April 2026, pukul 07.00–11.00 WIB.</li>"
                            "<li><b>Di mana</b>? Saluran tersier di Blok Sawah Wetan.</li>"
                            "<li><b>Mengapa</b>? Saluran tersumbat lumpur dan sampah, sehingga 15 hektare sawah kekurangan air.</li>"
                            "<li><b>Bagaimana</b>? Warga membawa cangkul dan karung sendiri; ibu-ibu PKK menyiapkan konsumsi.</li>"
                            "</ul>"
                            "<p>Taruh jawaban terpenting (apa, siapa, kapan, di mana) di paragraf pertama. Banyak orang hanya membaca paragraf pertama, apalagi di layar ponsel. Rincian dan kutipan menyusul di paragraf berikutnya.</p>"
                            "<h3>Contoh paragraf pertama</h3>"
                            "<p><i>Sekitar 60 warga Dusun Krajan, Desa Sukamaju, membersihkan saluran irigasi di Blok Sawah Wetan pada Minggu (12/4/2026). Kerja bakti ini digelar karena saluran tersumbat lumpur, sehingga 15 hektare sawah kekurangan air.</i></p>"
                            "<h2>Judul yang baik</h2>"
                            "<p>Judul adalah pintu masuk berita. Judul yang baik singkat, jelas, dan memakai kata kerja.</p>",
                        ),
                        (
                            "checklist",
                            {
                                "title": "Ciri judul yang baik",
                                "items": [
                                    "Sekitar 6 sampai 12 kata",
                                    "Menyebut apa yang terjadi dan di mana",
                                    "Memakai kata kerja aktif: membersihkan, meresmikan, membagikan",
                                    "Tidak ditulis dengan huruf kapital semua",
                                    "Tidak berlebihan dan tidak memancing klik",
                                ],
                            },
                        ),
                        (
                            "text",
                            "<h3>Contoh</h3>"
                            "<ul>"
                            "<li>Kurang jelas: <i>Kegiatan Desa Hari Minggu</i></li>"
                            "<li>Berlebihan: <i>LUAR BIASA!!! Warga Sukamaju Bikin Heboh</i></li>"
                            "<li>Baik: <i>Enam Puluh Warga Sukamaju Bersihkan Saluran Irigasi Blok Sawah Wetan</i></li>"
                            "</ul>",
                        ),
                        (
                            "tip",
                            {
                                "title": "Uji judul Anda",
                                "text": "<p>Bacakan judul kepada rekan di kantor desa. Kalau ia bisa menebak isi berita tanpa membaca lanjutannya, judul Anda sudah baik.</p>",
                            },
                        ),
                    ],
                },
                {
                    "title": "Paragraf pendek dan fakta yang benar",
                    "slug": "paragraf-dan-cek-fakta",
                    "summary": "Menulis kalimat dan paragraf yang enak dibaca di ponsel, lalu memeriksa nama, jabatan, dan angka sebelum dikirim.",
                    "duration_minutes": 5,
                    "body": [
                        (
                            "text",
                            "<p>Warga membaca berita desa di ponsel, sering sambil menunggu atau di sela pekerjaan. Tulisan yang padat dan panjang membuat mata cepat lelah. Buat paragraf pendek, cukup dua sampai empat kalimat. Satu paragraf, satu gagasan.</p>"
                            "<h2>Kalimat yang mudah dibaca</h2>"
                            "<ul>"
                            "<li>Pakai kalimat pendek. Kalau satu kalimat lebih dari dua baris, pecah menjadi dua.</li>"
                            "<li>Pakai kata sehari-hari. Singkatan ditulis lengkap saat pertama disebut, misalnya <i>Badan Usaha Milik Desa (BUMDes)</i> atau <i>Badan Permusyawaratan Desa (BPD)</i>.</li>"
                            "<li>Tulis angka dengan jelas: <i>Rp45.000.000</i> atau <i>Rp45 juta</i>, <i>150 meter</i>, <i>32 kepala keluarga</i>.</li>"
                            "<li>Hindari pujian yang tidak memberi informasi, seperti <i>acara berjalan dengan sangat sukses dan meriah</i>. Lebih baik tulis apa yang terjadi: <i>80 warga hadir dan 12 usulan dicatat</i>.</li>"
                            "<li>Kutipan membuat berita hidup. Tulis siapa yang berbicara dan jabatannya: <i>“Airnya sudah lancar lagi sampai ujung blok,” kata Suparno, Ketua Kelompok Tani Sri Rejeki.</i></li>"
                            "</ul>"
                            "<h2>Periksa sebelum mengirim</h2>"
                            "<p>Kesalahan kecil bisa mengecewakan banyak orang. Nama yang salah eja, jabatan yang keliru, atau angka anggaran yang salah ketik akan dibaca seluruh desa. Berita yang salah juga menurunkan kepercayaan warga kepada pemerintah desa.</p>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Cara memeriksa fakta dan nama",
                                "steps": [
                                    {
                                        "title": "Tanyakan ejaan nama",
                                        "text": "<p>Tanyakan langsung kepada orangnya atau lihat daftar hadir. <i>Siti Aminah</i> dan <i>Siti Aminnah</i> adalah dua nama yang berbeda bagi pemiliknya.</p>",
                                    },
                                    {
                                        "title": "Periksa jabatan",
                                        "text": "<p>Pastikan jabatan sesuai surat keputusan: Kepala Dusun, Ketua BPD, Ketua TP PKK, Direktur BUMDes.</p>",
                                    },
                                    {
                                        "title": "Cocokkan angka dengan dokumen",
                                        "text": "<p>Anggaran, panjang jalan, atau jumlah penerima bantuan dicocokkan dengan dokumen resmi, misalnya APBDes atau papan informasi kegiatan. Jangan mengandalkan ingatan.</p>",
                                    },
                                    {
                                        "title": "Bedakan fakta dan pendapat",
                                        "text": "<p>Fakta: <i>jalan sepanjang 300 meter sudah dicor</i>. Pendapat: <i>jalannya sekarang paling bagus se-kecamatan</i>. Kalau ingin memuat pendapat, tulis sebagai kutipan dan sebutkan siapa yang mengatakannya.</p>",
                                    },
                                    {
                                        "title": "Baca ulang sekali lagi",
                                        "text": "<p>Baca dari awal sampai akhir pelan-pelan, kalau bisa dengan suara lirih. Kalimat yang janggal akan terasa saat dibacakan.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "warning",
                            {
                                "title": "Jangan menyalin tulisan orang lain",
                                "text": "<p>Berita dari website lain, media daring, atau pesan berantai di WhatsApp tidak boleh disalin begitu saja. Tulis dengan kata-kata Anda sendiri, berdasarkan apa yang Anda lihat dan tanyakan langsung di desa.</p>",
                            },
                        ),
                    ],
                },
                {
                    "title": "Memberitakan kegiatan desa",
                    "slug": "memberitakan-kegiatan-desa",
                    "summary": "Apa yang dicatat saat memberitakan musyawarah desa, posyandu, dan gotong royong, serta kapan berita sebaiknya diterbitkan.",
                    "duration_minutes": 5,
                    "body": [
                        (
                            "text",
                            "<p>Kegiatan rutin di desa adalah bahan berita yang paling mudah didapat. Warga ingin tahu apa yang diputuskan, siapa yang terlibat, dan apa yang terjadi selanjutnya. Berikut hal yang perlu dicatat untuk tiga kegiatan yang paling sering diberitakan.</p>"
                            "<h2>Musyawarah desa</h2>"
                            "<ul>"
                            "<li>Jenis dan tujuan musyawarah, misalnya musdes penyusunan RKPDes atau penetapan prioritas penggunaan Dana Desa.</li>"
                            "<li>Jumlah dan unsur yang hadir: BPD, perangkat desa, tokoh masyarakat, perwakilan perempuan, kelompok tani.</li>"
                            "<li><b>Keputusan</b>: usulan apa saja yang disepakati dan urutan prioritasnya. Ini bagian terpenting.</li>"
                            "<li>Langkah berikutnya dan kapan dilakukan.</li>"
                            "</ul>"
                            "<h2>Posyandu</h2>"
                            "<ul>"
                            "<li>Jenis layanan: penimbangan, imunisasi, pemberian makanan tambahan, pemeriksaan ibu hamil atau lansia.</li>"
                            "<li>Jumlah balita atau lansia yang dilayani, ditulis sebagai angka total, bukan daftar nama.</li>"
                            "<li>Pesan kesehatan dari bidan desa atau kader, misalnya jadwal imunisasi berikutnya.</li>"
                            "</ul>"
                            "<h2>Gotong royong dan kerja bakti</h2>"
                            "<ul>"
                            "<li>Apa yang dikerjakan dan hasilnya: saluran dibersihkan, jembatan bambu diperbaiki, embung dikeruk.</li>"
                            "<li>Berapa warga yang ikut dan dari dusun mana.</li>"
                            "<li>Ucapan terima kasih boleh, tetapi cukup satu kalimat.</li>"
                            "</ul>",
                        ),
                        (
                            "warning",
                            {
                                "title": "Jaga privasi di posyandu",
                                "text": "<p>Jangan menulis nama balita yang berat badannya kurang atau yang mengalami stunting. Data kesehatan anak termasuk data yang paling perlu dilindungi. Tulis angkanya saja, misalnya <i>tiga balita dirujuk ke puskesmas untuk pemeriksaan lanjutan</i>.</p>",
                            },
                        ),
                        (
                            "text",
                            "<h2>Kapan berita diterbitkan?</h2>"
                            "<p>Berita yang baik adalah berita yang segar. Usahakan draf selesai pada hari yang sama, atau paling lambat satu sampai dua hari setelah kegiatan. Berita musyawarah yang baru terbit tiga minggu kemudian sudah basi.</p>"
                            "<p>Namun <b>jangan terburu-buru untuk hal yang belum pasti</b>. Tunggu sampai keputusan resmi diumumkan, misalnya berita acara musyawarah sudah ditandatangani atau daftar penerima bantuan sudah ditetapkan. Kabar duka, bencana, atau kejadian yang sensitif sebaiknya dibicarakan dulu dengan kepala desa.</p>"
                            "<p>Portal biasanya mencatat halaman desa sebagai <b>aktif</b> kalau ada tulisan yang terbit dalam 30 hari terakhir. Targetkan minimal dua tulisan setiap bulan.</p>",
                        ),
                        (
                            "checklist",
                            {
                                "title": "Sebelum menekan Kirim untuk moderasi",
                                "items": [
                                    "Paragraf pertama menjawab apa, siapa, kapan, dan di mana",
                                    "Judul singkat dan jelas",
                                    "Nama dan jabatan sudah dicek",
                                    "Angka sudah dicocokkan dengan dokumen",
                                    "Tidak ada data pribadi warga",
                                    "Foto sudah diperkecil dan diberi keterangan",
                                    "Tanggal berita sudah benar",
                                ],
                            },
                        ),
                        (
                            "tip",
                            {
                                "title": "Latihan",
                                "text": "<p>Pilih satu kegiatan desa minggu ini. Tulis beritanya dalam empat paragraf pendek, simpan sebagai draf, lalu kirim untuk moderasi. Catatan dari moderator adalah bahan belajar yang berharga.</p>",
                            },
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Kuis: Menulis berita desa",
                "slug": "kuis",
                "intro": "Ada 7 pertanyaan tentang menulis berita. Anda boleh mencoba berkali-kali sampai lulus; nilai tertinggi yang dicatat.",
                "pass_mark": 70,
                "max_attempts": None,
                "time_limit_minutes": None,
                "shuffle_questions": False,
                "shuffle_choices": True,
                "questions_per_attempt": None,
                "show_answers": "after_attempt",
                "grading": "highest",
                "questions": [
                    (
                        "single",
                        {
                            "question": "Manakah judul berita yang paling baik?",
                            "explanation": "Judul yang baik menyebut apa yang terjadi dan di mana, memakai kata kerja, dan tidak berlebihan.",
                            "choices": [
                                {
                                    "text": "Warga Dusun Krajan Bersihkan Saluran Irigasi Blok Sawah Wetan",
                                    "correct": True,
                                },
                                {"text": "Kerja Bakti", "correct": False},
                                {
                                    "text": "WOW!!! Warga Sukamaju Kompak Banget",
                                    "correct": False,
                                },
                                {
                                    "text": "Dokumentasi Kegiatan Hari Minggu",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "multiple",
                        {
                            "question": "Pertanyaan mana saja yang sebaiknya sudah terjawab di paragraf pertama berita? (Pilih semua yang benar.)",
                            "explanation": "Paragraf pertama memuat yang terpenting: apa, siapa, kapan, dan di mana. Rincian seperti biaya konsumsi tidak perlu, apalagi di paragraf pertama.",
                            "scoring": "all_or_nothing",
                            "choices": [
                                {"text": "Apa yang terjadi", "correct": True},
                                {"text": "Siapa yang terlibat", "correct": True},
                                {"text": "Kapan terjadinya", "correct": True},
                                {"text": "Di mana terjadinya", "correct": True},
                                {
                                    "text": "Berapa biaya konsumsi yang disiapkan",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "single",
                        {
                            "question": "Anda memberitakan musyawarah desa. Bagian mana yang paling penting dimuat?",
                            "explanation": "Warga paling perlu tahu apa yang diputuskan: usulan yang disepakati dan urutan prioritasnya.",
                            "choices": [
                                {
                                    "text": "Keputusan atau usulan yang disepakati",
                                    "correct": True,
                                },
                                {
                                    "text": "Menu konsumsi yang disajikan",
                                    "correct": False,
                                },
                                {
                                    "text": "Sambutan kepala desa kata per kata",
                                    "correct": False,
                                },
                                {
                                    "text": "Nama semua warga yang hadir",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "single",
                        {
                            "question": "Kapan sebaiknya berita kerja bakti dikirim untuk moderasi?",
                            "explanation": "Berita yang segar lebih berguna. Usahakan selesai pada hari yang sama atau satu sampai dua hari setelah kegiatan.",
                            "choices": [
                                {
                                    "text": "Pada hari yang sama atau satu sampai dua hari setelah kegiatan",
                                    "correct": True,
                                },
                                {
                                    "text": "Sebulan kemudian, setelah semua foto terkumpul",
                                    "correct": False,
                                },
                                {
                                    "text": "Sehari sebelum kegiatan, supaya terlihat sudah terlaksana",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Dalam berita posyandu, sebaiknya ditulis nama balita yang berat badannya kurang agar orang tuanya lebih waspada.",
                            "explanation": "Salah. Data kesehatan anak harus dilindungi. Tulis angka totalnya saja, tanpa nama.",
                            "answer": False,
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Angka anggaran dalam berita harus dicocokkan dengan dokumen resmi seperti APBDes, bukan ditulis dari ingatan.",
                            "explanation": "Benar. Angka yang salah ketik dibaca seluruh desa dan bisa menimbulkan salah paham. Selalu cocokkan dengan dokumen.",
                            "answer": True,
                        },
                    ),
                    (
                        "short_text",
                        {
                            "question": "Rumus enam pertanyaan untuk menulis berita (apa, siapa, kapan, di mana, mengapa, bagaimana) disebut apa? Tulis singkatannya.",
                            "explanation": "Namanya 5W+1H: what, who, when, where, why, dan how. Dalam bahasa kita: apa, siapa, kapan, di mana, mengapa, dan bagaimana.",
                            "accepted": [
                                "5W+1H",
                                "5W1H",
                                "5W dan 1H",
                                "5 W 1 H",
                            ],
                        },
                    ),
                ],
            },
        },
        # ------------------------------------------------------------------ 3
        {
            "title": "Foto yang baik dan hemat data",
            "slug": "foto-baik-hemat-data",
            "summary": (
                "Memotret dengan ponsel: cahaya dan komposisi, izin orang yang difoto "
                "(terutama anak-anak), memperkecil foto sebelum diunggah, serta menulis "
                "keterangan foto dan teks alternatif."
            ),
            "lessons": [
                {
                    "title": "Memotret dengan ponsel",
                    "slug": "memotret-dengan-ponsel",
                    "summary": "Cahaya, komposisi, dan kebiasaan kecil yang membuat foto dari ponsel murah tetap jelas dan bercerita.",
                    "duration_minutes": 4,
                    "body": [
                        (
                            "text",
                            "<p>Foto yang baik tidak butuh kamera mahal. Ponsel murah pun cukup, asal Anda memperhatikan tiga hal: cahaya, komposisi, dan kejelasan.</p>"
                            "<h2>Cahaya</h2>"
                            "<ul>"
                            "<li>Di luar ruangan, waktu terbaik adalah pagi (sekitar pukul 07.00–09.00) atau sore (sekitar pukul 15.00–17.00). Cahaya tengah hari membuat bayangan keras di wajah.</li>"
                            "<li>Posisikan matahari atau jendela di <b>belakang Anda</b>, bukan di belakang orang yang difoto. Kalau cahaya datang dari belakang objek, wajahnya akan gelap.</li>"
                            "<li>Di dalam balai desa, dekati jendela atau nyalakan semua lampu. Sebisa mungkin hindari lampu kilat (flash), karena wajah jadi pucat dan mengilap.</li>"
                            "</ul>"
                            "<h2>Komposisi</h2>"
                            "<ul>"
                            "<li>Dekati objeknya. Foto anyaman bambu dari jarak satu meter jauh lebih jelas daripada dari ujung ruangan.</li>"
                            "<li>Hindari zoom. Zoom di ponsel membuat foto pecah; lebih baik Anda yang melangkah mendekat.</li>"
                            "<li>Pegang ponsel mendatar untuk foto kegiatan dan pemandangan, misalnya wisata pantai atau bukit.</li>"
                            "<li>Pastikan garis cakrawala lurus, tidak miring.</li>"
                            "<li>Perhatikan latar belakang. Tumpukan sampah, jemuran, atau kabel semrawut mengganggu mata.</li>"
                            "<li>Tampilkan orang yang sedang bekerja, bukan hanya berbaris menghadap kamera.</li>"
                            "</ul>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Sebelum menekan tombol kamera",
                                "steps": [
                                    {
                                        "title": "Lap lensanya",
                                        "text": "<p>Lensa ponsel sering kotor kena jari. Lap dengan kain yang bersih. Banyak foto buram hanya karena ini.</p>",
                                    },
                                    {
                                        "title": "Ketuk layar pada objek",
                                        "text": "<p>Ketuk wajah atau benda yang penting, supaya fokus dan terangnya tepat di situ.</p>",
                                    },
                                    {
                                        "title": "Pegang dengan dua tangan",
                                        "text": "<p>Tempelkan siku ke badan, tahan napas sebentar, lalu tekan tombol dengan lembut.</p>",
                                    },
                                    {
                                        "title": "Ambil beberapa foto",
                                        "text": "<p>Ambil tiga sampai lima foto, lalu pilih satu atau dua yang terbaik. Hapus sisanya agar memori ponsel tidak cepat penuh.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "tip",
                            {
                                "title": "Satu foto yang bercerita",
                                "text": "<p>Untuk berita gotong royong, foto warga yang sedang mengangkat lumpur dari saluran lebih bercerita daripada foto bersama di depan kantor desa.</p>",
                            },
                        ),
                    ],
                },
                {
                    "title": "Izin orang yang difoto",
                    "slug": "izin-orang-yang-difoto",
                    "summary": "Kapan dan bagaimana meminta izin, dan kenapa foto anak-anak butuh perlindungan lebih.",
                    "duration_minutes": 4,
                    "body": [
                        (
                            "text",
                            "<p>Foto di portal desa bisa dilihat siapa saja, kapan saja, dari mana saja. Orang yang Anda foto berhak tahu dan berhak menolak. Wajah termasuk data pribadi, karena dari wajah seseorang bisa dikenali.</p>"
                            "<h2>Kapan perlu minta izin?</h2>"
                            "<ul>"
                            "<li><b>Foto suasana kegiatan umum</b> dari jauh, misalnya musyawarah desa atau kerja bakti: umumkan di awal acara bahwa kegiatan akan difoto untuk website desa. Beri kesempatan kepada yang tidak mau difoto.</li>"
                            "<li><b>Foto dekat satu orang</b>, misalnya pengrajin bambu atau pedagang di pasar desa: minta izin langsung dan jelaskan di mana fotonya akan dimuat.</li>"
                            "<li><b>Foto anak-anak</b>: harus ada izin orang tua atau walinya.</li>"
                            "<li><b>Orang dalam keadaan rentan</b>, seperti orang sakit, penerima bantuan, korban bencana, atau keluarga yang berduka: sebaiknya wajahnya tidak difoto. Kalau memang perlu, minta izin dan pertimbangkan baik-baik.</li>"
                            "</ul>",
                        ),
                        (
                            "warning",
                            {
                                "title": "Anak-anak perlu perlindungan lebih",
                                "text": "<p>Jangan memuat foto anak yang bisa dikenali bersama nama lengkap, nama sekolah, atau alamatnya. Untuk posyandu atau PAUD, pilih foto dari belakang atau samping, atau foto yang menonjolkan kegiatannya, misalnya tangan kader yang membaca timbangan. Jangan pernah memuat foto anak yang sedang menangis, tidak berpakaian lengkap, atau sedang diperiksa kesehatannya.</p>",
                            },
                        ),
                        (
                            "steps",
                            {
                                "title": "Cara minta izin yang sopan",
                                "steps": [
                                    {
                                        "title": "Perkenalkan diri",
                                        "text": "<p><i>“Bu, saya Rina, operator website desa.”</i></p>",
                                    },
                                    {
                                        "title": "Jelaskan tujuannya",
                                        "text": "<p><i>“Fotonya untuk berita kegiatan posyandu di website desa. Nanti bisa dilihat semua orang di internet.”</i></p>",
                                    },
                                    {
                                        "title": "Tanyakan dan hargai jawabannya",
                                        "text": "<p><i>“Boleh saya foto, Bu?”</i> Kalau ia ragu atau menolak, jangan dipaksa dan jangan memotret diam-diam.</p>",
                                    },
                                    {
                                        "title": "Tunjukkan hasilnya",
                                        "text": "<p>Perlihatkan fotonya di layar ponsel. Kalau ia tidak suka, hapus, lalu ambil lagi atau tidak usah dipakai.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "text",
                            "<h2>Kalau ada yang minta fotonya diturunkan</h2>"
                            "<p>Kadang seseorang baru keberatan setelah fotonya tayang. Tanggapi dengan ramah dan jangan berdebat. Ganti atau hapus foto itu dari halaman, lalu kirim perubahannya untuk moderasi. Kalau perlu cepat, hubungi moderator supaya perubahan segera diterbitkan.</p>"
                            "<p>Ingat, menghargai permintaan warga membuat mereka percaya kepada website desa, dan lain kali lebih mau difoto.</p>",
                        ),
                    ],
                },
                {
                    "title": "Memperkecil foto, keterangan, dan teks alternatif",
                    "slug": "perkecil-foto-dan-keterangan",
                    "summary": "Memperkecil foto di ponsel sebelum diunggah, lalu menulis keterangan foto dan teks alternatif yang berguna.",
                    "duration_minutes": 5,
                    "body": [
                        (
                            "text",
                            "<p>Foto dari ponsel sekarang bisa berukuran 3 sampai 8 MB per lembar. Mengunggah foto sebesar itu di sinyal lemah makan waktu lama, boros kuota, dan sering gagal di tengah jalan. Portal juga menolak berkas di atas 5 MB. Padahal untuk tampil di website, foto berukuran 200–500 KB sudah tajam.</p>"
                            "<h2>Ukuran yang dianjurkan</h2>"
                            "<ul>"
                            "<li>Sisi terpanjang sekitar <b>1.600 piksel</b>.</li>"
                            "<li>Ukuran berkas <b>di bawah 500 KB</b>.</li>"
                            "<li>Format JPG untuk foto. Tangkapan layar berformat PNG biasanya jauh lebih besar.</li>"
                            "</ul>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Cara memperkecil foto di ponsel",
                                "steps": [
                                    {
                                        "title": "Atur kamera dari awal",
                                        "text": "<p>Buka pengaturan kamera, cari <b>ukuran gambar</b> atau <b>resolusi</b>, lalu pilih yang lebih kecil, misalnya 5 atau 8 MP. Foto berikutnya otomatis lebih ringan.</p>",
                                    },
                                    {
                                        "title": "Atau pakai aplikasi pengecil foto",
                                        "text": "<p>Cari <i>resize foto</i> atau <i>kompres foto</i> di Play Store. Pilih aplikasi yang ulasannya baik dan tidak meminta izin aneh, misalnya akses ke kontak. Atur lebar 1.600 piksel dan kualitas sekitar 80%.</p>",
                                    },
                                    {
                                        "title": "Atau lewat WhatsApp",
                                        "text": "<p>Kirim foto ke nomor Anda sendiri dengan kualitas <b>Standar</b>, bukan HD, lalu simpan foto dari percakapan itu. WhatsApp sudah memperkecilnya. Cara ini praktis, tetapi hasilnya kadang kurang tajam.</p>",
                                    },
                                    {
                                        "title": "Periksa ukurannya",
                                        "text": "<p>Buka galeri, pilih fotonya, lalu ketuk <b>Detail</b> atau ikon <b>(i)</b>. Kalau di bawah 500 KB, foto siap diunggah.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "text",
                            "<h2>Keterangan foto</h2>"
                            "<p>Keterangan foto (caption) tampil di bawah foto. Isinya menjelaskan apa yang ada di foto dan konteksnya. Cukup satu kalimat yang menjawab apa, siapa, di mana, dan kapan.</p>"
                            "<ul>"
                            "<li>Kurang membantu: <i>Dokumentasi kegiatan.</i></li>"
                            "<li>Baik: <i>Kader Posyandu Melati mencatat hasil penimbangan di balai Dusun Krajan, Selasa (10/3/2026).</i></li>"
                            "</ul>"
                            "<h2>Teks alternatif</h2>"
                            "<p>Teks alternatif (di portal diisi pada kolom <b>deskripsi</b> gambar) dibacakan oleh aplikasi pembaca layar untuk warga tunanetra. Teks ini juga muncul saat foto gagal dimuat karena sinyal lemah. Tulis apa yang terlihat, dengan singkat, tanpa awalan <i>foto dari</i> atau <i>gambar</i>.</p>"
                            "<ul>"
                            "<li>Contoh: <i>Tiga ibu menganyam tikar pandan di teras rumah, dengan gulungan tikar hijau dan merah di sebelahnya.</i></li>"
                            "</ul>",
                        ),
                        (
                            "tip",
                            {
                                "title": "Beri judul gambar yang jelas",
                                "text": "<p>Saat mengunggah, ganti judul seperti <i>IMG_20260310_0812</i> menjadi <i>Posyandu Melati Maret 2026</i>. Foto jadi mudah dicari lagi di galeri portal.</p>",
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Foto siap diunggah",
                                "items": [
                                    "Terang dan tidak buram",
                                    "Orang yang difoto sudah memberi izin",
                                    "Tidak ada wajah anak yang jelas tanpa izin orang tuanya",
                                    "Ukuran berkas di bawah 500 KB",
                                    "Ada keterangan foto",
                                    "Ada teks alternatif di kolom deskripsi",
                                ],
                            },
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Kuis: Foto yang baik dan hemat data",
                "slug": "kuis",
                "intro": "Setiap percobaan berisi 5 pertanyaan yang diambil acak dari 7, dalam urutan acak. Anda punya 3 kali kesempatan; kunci jawaban ditampilkan setelah Anda lulus.",
                "pass_mark": 70,
                "max_attempts": 3,
                "time_limit_minutes": None,
                "shuffle_questions": True,
                "shuffle_choices": True,
                "questions_per_attempt": 5,
                "show_answers": "after_pass",
                "grading": "highest",
                "questions": [
                    (
                        "single",
                        {
                            "question": "Saat memotret warga di luar ruangan, di mana sebaiknya posisi matahari?",
                            "explanation": "Matahari di belakang pemotret menerangi wajah orang yang difoto. Kalau matahari di belakang mereka, wajahnya menjadi gelap.",
                            "choices": [
                                {"text": "Di belakang pemotret", "correct": True},
                                {
                                    "text": "Di belakang orang yang difoto",
                                    "correct": False,
                                },
                                {
                                    "text": "Tepat di atas kepala, pukul 12 siang",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "single",
                        {
                            "question": "Berapa ukuran berkas foto yang dianjurkan sebelum diunggah ke portal?",
                            "explanation": "Di bawah 500 KB sudah tajam untuk website, cepat diunggah di sinyal lemah, dan hemat kuota. Portal menolak berkas di atas 5 MB.",
                            "choices": [
                                {"text": "Di bawah 500 KB", "correct": True},
                                {
                                    "text": "Sekitar 5 sampai 8 MB, supaya tajam",
                                    "correct": False,
                                },
                                {"text": "Minimal 10 MB", "correct": False},
                            ],
                        },
                    ),
                    (
                        "multiple",
                        {
                            "question": "Foto mana yang perlu izin orang tua atau wali sebelum dimuat di portal? (Pilih semua yang benar.)",
                            "explanation": "Foto yang memperlihatkan wajah anak dengan jelas butuh izin orang tua atau wali. Foto embung atau jalan tidak memuat orang, jadi tidak perlu izin seperti itu.",
                            "scoring": "partial",
                            "choices": [
                                {
                                    "text": "Foto dekat balita yang sedang ditimbang di posyandu",
                                    "correct": True,
                                },
                                {
                                    "text": "Foto anak-anak PAUD yang wajahnya terlihat jelas",
                                    "correct": True,
                                },
                                {
                                    "text": "Foto embung desa saat matahari terbenam",
                                    "correct": False,
                                },
                                {
                                    "text": "Foto jalan rabat beton yang baru selesai",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "multiple",
                        {
                            "question": "Mana saja cara memperkecil foto di ponsel? (Pilih semua yang benar.)",
                            "explanation": "Resolusi kamera yang lebih kecil, aplikasi pengecil foto, dan kiriman WhatsApp berkualitas Standar sama-sama memperkecil berkas. Filter warna tidak mengubah ukuran berkas.",
                            "scoring": "all_or_nothing",
                            "choices": [
                                {
                                    "text": "Memilih resolusi yang lebih kecil di pengaturan kamera",
                                    "correct": True,
                                },
                                {
                                    "text": "Memakai aplikasi pengecil (resize atau kompres) foto",
                                    "correct": True,
                                },
                                {
                                    "text": "Mengirim ke nomor sendiri lewat WhatsApp dengan kualitas Standar",
                                    "correct": True,
                                },
                                {
                                    "text": "Menambahkan filter warna yang lebih cerah",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Teks alternatif membantu warga tunanetra yang memakai pembaca layar, dan muncul saat foto gagal dimuat.",
                            "explanation": "Benar. Karena itu teks alternatif menjelaskan apa yang terlihat di foto, dengan singkat.",
                            "answer": True,
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Foto dekat seorang warga boleh dimuat walaupun ia sudah bilang tidak mau difoto, asalkan acaranya acara resmi desa.",
                            "explanation": "Salah. Orang yang difoto berhak menolak, juga di acara resmi. Jangan dipaksa dan jangan memotret diam-diam.",
                            "answer": False,
                        },
                    ),
                    (
                        "short_text",
                        {
                            "question": "Kalimat singkat di bawah foto yang menjelaskan apa, siapa, di mana, dan kapan disebut apa?",
                            "explanation": "Itu keterangan foto (caption). Contoh: Kader Posyandu Melati mencatat hasil penimbangan di balai Dusun Krajan, Selasa (10/3/2026).",
                            "accepted": [
                                "keterangan foto",
                                "keterangan",
                                "keterangan gambar",
                                "caption",
                                "kapsi",
                                "takarir",
                            ],
                        },
                    ),
                ],
            },
        },
        # ------------------------------------------------------------------ 4
        {
            "title": "Menulis potensi desa dan progres pembangunan",
            "slug": "potensi-dan-progres-pembangunan",
            "summary": (
                "Mengisi halaman potensi desa (ekonomi, wisata, produk unggulan) dan "
                "laporan progres pembangunan: kegiatan, lokasi, anggaran dan sumber "
                "dana, persen progres, tanggal, serta foto sebelum, selama, dan "
                "sesudah, sebagai wujud keterbukaan Dana Desa."
            ),
            "lessons": [
                {
                    "title": "Menulis potensi desa",
                    "slug": "menulis-potensi-desa",
                    "summary": "Tiga kategori potensi desa dan apa saja yang perlu ada di setiap halamannya.",
                    "duration_minutes": 4,
                    "body": [
                        (
                            "text",
                            "<p>Potensi desa adalah kekayaan yang bisa dibanggakan dan dikembangkan. Halaman potensi membantu pembeli menemukan produk desa, wisatawan menemukan tempat wisata, dan dinas atau investor melihat peluang. Di portal, setiap potensi masuk salah satu dari tiga kategori.</p>"
                            "<h2>Tiga kategori</h2>"
                            "<ul>"
                            "<li><b>Ekonomi</b>: kegiatan yang menghidupi warga. Contoh: sentra budidaya lele, kebun lada, unit simpan pinjam BUMDes, pasar desa.</li>"
                            "<li><b>Wisata</b>: tempat atau kegiatan yang bisa dikunjungi. Contoh: pantai, bukit untuk melihat matahari terbit, air terjun, embung yang ditata jadi tempat rekreasi, festival panen.</li>"
                            "<li><b>Produk unggulan</b>: barang khas desa yang bisa dibeli. Contoh: keripik pisang, batik tulis, anyaman bambu, kopi robusta, kerupuk ikan.</li>"
                            "</ul>"
                            "<p>Pilih kategori yang paling pas. Kalau satu hal cocok untuk dua kategori, misalnya kebun kopi yang juga didatangi wisatawan, pilih yang paling utama, lalu ceritakan sisi lainnya di deskripsi.</p>",
                        ),
                        (
                            "checklist",
                            {
                                "title": "Yang perlu ada di halaman potensi",
                                "items": [
                                    "Judul yang jelas, misalnya Anyaman Bambu Dusun Karanganyar",
                                    "Ringkasan satu atau dua kalimat: apa dan di mana",
                                    "Cerita singkat: sejak kapan, siapa pengelolanya, berapa orang yang terlibat",
                                    "Fakta yang bisa dicek: kapasitas produksi, luas, jam buka, harga tiket atau harga produk",
                                    "Cara menuju lokasi atau cara memesan",
                                    "Kontak resmi pengelola (BUMDes, Pokdarwis, kelompok usaha) yang sudah setuju dicantumkan",
                                    "Tiga sampai enam foto dari sudut yang berbeda",
                                ],
                            },
                        ),
                        (
                            "text",
                            "<h2>Contoh ringkasan</h2>"
                            "<p><i>Pantai Batu Layar di Dusun Tanjung dikelola Pokdarwis Desa Sukamaju sejak 2022. Pantai berpasir putih ini ramai pada akhir pekan, dengan tiket masuk Rp5.000 per orang.</i></p>"
                            "<p>Perhatikan, ringkasan itu menjawab apa, di mana, siapa pengelolanya, dan memberi informasi praktis. Tidak perlu kata-kata seperti <i>surga tersembunyi</i> atau <i>terindah se-Indonesia</i>. Biarkan foto dan fakta yang berbicara.</p>",
                        ),
                        (
                            "warning",
                            {
                                "title": "Kontak pengelola, bukan nomor pribadi sembarang warga",
                                "text": "<p>Cantumkan nomor HP hanya kalau pemiliknya sudah setuju nomornya tampil di internet. Lebih baik memakai nomor khusus usaha atau nomor kantor BUMDes.</p>",
                            },
                        ),
                        (
                            "tip",
                            {
                                "title": "Periksa setiap tiga bulan",
                                "text": "<p>Harga, jam buka, dan nomor kontak bisa berubah. Tandai kalender untuk memeriksa halaman potensi setiap tiga bulan. Informasi yang kedaluwarsa membuat tamu kecewa.</p>",
                            },
                        ),
                    ],
                },
                {
                    "title": "Mengisi progres pembangunan",
                    "slug": "mengisi-progres-pembangunan",
                    "summary": "Kolom-kolom laporan progres pembangunan dan cara menentukan persen progres dengan jujur.",
                    "duration_minutes": 4,
                    "body": [
                        (
                            "text",
                            "<p>Halaman progres pembangunan melaporkan kemajuan satu kegiatan fisik, misalnya jalan usaha tani, drainase, embung, atau gedung PAUD. Dari halaman ini warga bisa melihat: sudah sampai mana, berapa biayanya, dan dari mana dananya. Kolom-kolomnya sudah disiapkan di portal, jadi Anda tinggal mengisinya.</p>"
                            "<h2>Kolom yang diisi</h2>"
                            "<ul>"
                            "<li><b>Kegiatan</b>: nama pekerjaan yang jelas dan sama dengan di APBDes. Contoh: <i>Rabat beton jalan usaha tani Blok Sawah Lor, 350 meter</i>.</li>"
                            "<li><b>Lokasi</b>: dusun, RT/RW, atau patokan yang dikenal warga. Contoh: <i>Dusun Krajan RT 03, dari pertigaan masjid ke arah persawahan</i>.</li>"
                            "<li><b>Anggaran (Rp)</b>: ketik angkanya saja, tanpa titik dan tanpa tulisan Rp. Contoh: <i>85000000</i>. Ambil dari APBDes atau RAB, bukan perkiraan.</li>"
                            "<li><b>Sumber dana</b>: misalnya <i>Dana Desa 2026</i>, <i>Alokasi Dana Desa 2026</i>, <i>Bantuan Keuangan Provinsi 2026</i>, atau <i>swadaya masyarakat</i>. Sertakan tahun anggarannya.</li>"
                            "<li><b>Progres (%)</b>: bagian pekerjaan yang sudah selesai, dari 0 sampai 100.</li>"
                            "<li><b>Tanggal laporan</b>: tanggal keadaan di lapangan yang Anda laporkan, bukan tanggal Anda mengetik.</li>"
                            "<li><b>Deskripsi</b>: apa yang sudah dikerjakan, apa yang belum, dan kendalanya.</li>"
                            "</ul>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Menentukan persen progres",
                                "steps": [
                                    {
                                        "title": "Lihat rencananya",
                                        "text": "<p>Buka RAB, atau tanyakan kepada Tim Pelaksana Kegiatan (TPK) apa saja tahap pekerjaannya.</p>",
                                    },
                                    {
                                        "title": "Bandingkan dengan lapangan",
                                        "text": "<p>Contoh: jalan direncanakan 350 meter, yang sudah dicor 210 meter. Berarti progresnya sekitar 60%.</p>",
                                    },
                                    {
                                        "title": "Jangan dibulatkan ke atas",
                                        "text": "<p>Kalau ragu, pakai angka yang lebih kecil dan jelaskan di deskripsi. Tulis 100% hanya kalau pekerjaan benar-benar selesai.</p>",
                                    },
                                    {
                                        "title": "Minta konfirmasi",
                                        "text": "<p>Tanyakan angkanya kepada ketua TPK atau Kaur Perencanaan sebelum laporan dikirim.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "tip",
                            {
                                "title": "Perbarui setiap ada kemajuan",
                                "text": "<p>Perbarui laporan setiap ada kemajuan yang berarti, misalnya saat mulai, di tengah pekerjaan, dan saat selesai. Ubah persen, tanggal laporan, dan deskripsinya. Foto lama jangan dihapus; tambahkan foto baru, supaya perjalanan pembangunan terlihat.</p>",
                            },
                        ),
                        (
                            "text",
                            "<h3>Latihan</h3>"
                            "<p>Pilih satu kegiatan pembangunan tahun ini di desa Anda. Kumpulkan datanya dari papan informasi kegiatan atau dari TPK, lalu isi halaman progres pembangunan sebagai draf. Jangan lupa tekan <b>Simpan draf</b>.</p>",
                        ),
                    ],
                },
                {
                    "title": "Foto progres dan keterbukaan Dana Desa",
                    "slug": "foto-progres-dan-transparansi",
                    "summary": "Memotret sebelum, selama, dan sesudah dari titik yang sama, dan kenapa laporan yang jujur melindungi warga dan pemerintah desa.",
                    "duration_minutes": 5,
                    "body": [
                        (
                            "text",
                            "<p>Foto adalah bukti. Untuk progres pembangunan, foto yang paling berguna adalah foto dari <b>titik yang sama</b> pada waktu yang berbeda: sebelum dikerjakan, selama dikerjakan, dan sesudah selesai. Pembaca langsung bisa membandingkan.</p>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Memotret sebelum, selama, sesudah",
                                "steps": [
                                    {
                                        "title": "Pilih titik tetap",
                                        "text": "<p>Cari patokan yang tidak akan berubah, misalnya tiang listrik, pohon besar, atau ujung jembatan. Catat di buku: <i>difoto dari depan tiang listrik nomor 12, menghadap utara</i>.</p>",
                                    },
                                    {
                                        "title": "Foto sebelum",
                                        "text": "<p>Ambil foto sebelum pekerjaan dimulai, misalnya jalan tanah yang becek sehabis hujan.</p>",
                                    },
                                    {
                                        "title": "Foto selama",
                                        "text": "<p>Dari titik yang sama, ambil foto saat pekerjaan berjalan. Tambahkan foto dekat yang menunjukkan pekerjaannya, misalnya pemasangan besi atau pengecoran.</p>",
                                    },
                                    {
                                        "title": "Foto sesudah",
                                        "text": "<p>Ambil lagi dari titik yang sama setelah selesai. Sertakan juga foto papan informasi kegiatan yang memuat nilai anggaran dan sumber dananya.</p>",
                                    },
                                    {
                                        "title": "Beri keterangan",
                                        "text": "<p>Setiap foto diberi keterangan tahap dan tanggal, misalnya <i>Sebelum: jalan tanah Blok Sawah Lor, 2 Juni 2026</i>.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "text",
                            "<h2>Kenapa keterbukaan Dana Desa penting?</h2>"
                            "<p>Dana Desa adalah uang negara dari APBN yang ditransfer ke setiap desa untuk kepentingan warga. Warga berhak tahu ke mana uang itu dipakai. Papan informasi di lokasi hanya dilihat orang yang lewat. Halaman progres di portal bisa dilihat perantau, dinas, dan siapa saja yang ingin tahu.</p>"
                            "<p>Laporan yang terbuka juga melindungi pemerintah desa. Kalau muncul kabar miring di media sosial, warga bisa langsung melihat data resminya: kegiatan apa, berapa anggarannya, sudah sampai mana, lengkap dengan foto.</p>"
                            "<h3>Ciri laporan yang jujur</h3>"
                            "<ul>"
                            "<li>Angkanya sama dengan APBDes dan papan informasi kegiatan.</li>"
                            "<li>Kendala ditulis apa adanya, misalnya <i>pengecoran tertunda dua minggu karena hujan dan material terlambat datang</i>.</li>"
                            "<li>Perubahan anggaran dijelaskan, misalnya setelah APBDes perubahan.</li>"
                            "<li>Laporan tetap diperbarui walaupun pekerjaan terlambat.</li>"
                            "</ul>",
                        ),
                        (
                            "warning",
                            {
                                "title": "Jangan memoles laporan",
                                "text": "<p>Jangan menulis 100% kalau pekerjaan belum selesai. Jangan memakai foto dari proyek lain atau dari internet. Warga yang tinggal di dekat lokasi pasti tahu, dan kepercayaan yang hilang sulit dikembalikan.</p>",
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Sebelum mengirim laporan progres",
                                "items": [
                                    "Nama kegiatan sama dengan di APBDes",
                                    "Lokasi jelas dan mudah dikenali warga",
                                    "Anggaran dan sumber dana (dengan tahun) sudah diisi",
                                    "Persen progres sudah dikonfirmasi TPK",
                                    "Tanggal laporan sesuai keadaan di lapangan",
                                    "Ada foto dari titik yang sama, dengan keterangan tahap dan tanggal",
                                ],
                            },
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Kuis: Potensi desa dan progres pembangunan",
                "slug": "kuis",
                "intro": "Ada 6 pertanyaan dan waktu 10 menit. Anda punya 3 kali kesempatan. Kunci jawaban tidak ditampilkan, jadi kalau belum lulus, baca lagi pelajarannya sebelum mencoba lagi.",
                "pass_mark": 70,
                "max_attempts": 3,
                "time_limit_minutes": 10,
                "shuffle_questions": False,
                "shuffle_choices": True,
                "questions_per_attempt": None,
                "show_answers": "never",
                "grading": "highest",
                "questions": [
                    (
                        "single",
                        {
                            "question": "Bukit tempat warga dan pengunjung melihat matahari terbit paling tepat dimasukkan ke kategori potensi apa?",
                            "explanation": "Tempat yang bisa dikunjungi, seperti bukit, pantai, air terjun, atau embung yang ditata, masuk kategori wisata.",
                            "choices": [
                                {"text": "Wisata", "correct": True},
                                {"text": "Produk unggulan", "correct": False},
                                {"text": "Progres pembangunan", "correct": False},
                            ],
                        },
                    ),
                    (
                        "single",
                        {
                            "question": "Jalan usaha tani direncanakan 400 meter. Yang sudah dicor 100 meter. Berapa persen progres yang ditulis?",
                            "explanation": "100 dari 400 meter adalah seperempat, yaitu 25%. Jangan dibulatkan ke atas, dan tulis 100% hanya kalau pekerjaan benar-benar selesai.",
                            "choices": [
                                {"text": "25%", "correct": True},
                                {"text": "40%", "correct": False},
                                {"text": "50%", "correct": False},
                                {
                                    "text": "100%, karena pekerjaan sudah dimulai",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "multiple",
                        {
                            "question": "Kolom apa saja yang diisi di halaman progres pembangunan? (Pilih semua yang benar.)",
                            "explanation": "Laporan progres berisi kegiatan, lokasi, anggaran dan sumber dana, persen progres, tanggal laporan, deskripsi, dan foto. Data pribadi seperti NIK atau nomor HP pekerja tidak pernah dimuat.",
                            "scoring": "partial",
                            "choices": [
                                {"text": "Kegiatan", "correct": True},
                                {"text": "Lokasi", "correct": True},
                                {"text": "Anggaran dan sumber dana", "correct": True},
                                {"text": "Persen progres", "correct": True},
                                {"text": "NIK ketua TPK", "correct": False},
                                {
                                    "text": "Nomor HP pribadi para pekerja",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Foto sebelum, selama, dan sesudah pembangunan sebaiknya diambil dari titik yang sama.",
                            "explanation": "Benar. Dari titik yang sama, pembaca langsung bisa membandingkan perubahannya.",
                            "answer": True,
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Kalau pekerjaan terlambat karena hujan, laporan progres sebaiknya tidak diperbarui dulu sampai pekerjaan selesai.",
                            "explanation": "Salah. Laporan tetap diperbarui, dan kendalanya ditulis apa adanya. Itulah laporan yang jujur.",
                            "answer": False,
                        },
                    ),
                    (
                        "short_text",
                        {
                            "question": "Dana dari APBN yang ditransfer ke setiap desa, dan sering dipakai untuk membangun jalan atau embung, disebut apa?",
                            "explanation": "Itu Dana Desa. Karena berasal dari uang negara, warga berhak tahu penggunaannya, dan laporan progres pembangunan membantu keterbukaan itu.",
                            "accepted": ["Dana Desa", "DD", "Dana Desa (DD)"],
                        },
                    ),
                ],
            },
        },
        # ------------------------------------------------------------------ 5
        {
            "title": "Aman dan etis bermedia digital",
            "slug": "aman-dan-etis-bermedia-digital",
            "summary": (
                "Menangkal hoaks dan memeriksa fakta, menulis dengan santun, menjaga data "
                "pribadi warga sesuai UU PDP, menghormati hak cipta foto, serta menjaga "
                "akun dari kata sandi lemah dan penipuan lewat WhatsApp."
            ),
            "lessons": [
                {
                    "title": "Hoaks, cek fakta, dan bahasa yang santun",
                    "slug": "hoaks-dan-bahasa-santun",
                    "summary": "Mengenali hoaks, memeriksanya sebelum ikut menyebarkan, dan menulis dengan bahasa yang menghormati semua warga.",
                    "duration_minutes": 4,
                    "body": [
                        (
                            "text",
                            "<p>Hoaks adalah kabar bohong yang dibuat seolah-olah benar. Di desa, hoaks sering datang lewat grup WhatsApp: pengumuman bantuan palsu, kabar jembatan ambruk, atau foto lama yang disebut kejadian hari ini. Sebagai operator, Anda adalah sumber informasi resmi desa. Apa yang Anda tulis dianggap benar oleh warga, jadi jangan sampai portal desa ikut menyebarkan hoaks.</p>"
                            "<h2>Ciri-ciri hoaks</h2>"
                            "<ul>"
                            "<li>Judulnya memancing emosi: marah, takut, atau terlalu gembira.</li>"
                            "<li>Minta disebarkan: <i>Sebarkan sebelum dihapus!</i></li>"
                            "<li>Sumbernya tidak jelas: <i>kata teman saya yang kerja di dinas</i>.</li>"
                            "<li>Tidak ada tanggal, tempat, atau nama yang bisa dicek.</li>"
                            "<li>Tautannya mirip situs resmi, tetapi ejaannya sedikit berbeda.</li>"
                            "</ul>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Cara memeriksa kabar",
                                "steps": [
                                    {
                                        "title": "Berhenti sebentar",
                                        "text": "<p>Jangan langsung meneruskan. Tarik napas, lalu baca sekali lagi dengan tenang.</p>",
                                    },
                                    {
                                        "title": "Tanyakan ke sumber resmi",
                                        "text": "<p>Hubungi pihak yang disebut dalam kabar itu: kepala desa, puskesmas, kantor kecamatan, atau dinas terkait.</p>",
                                    },
                                    {
                                        "title": "Cari di situs cek fakta",
                                        "text": '<p>Ketik kata kuncinya di <a href="https://turnbackhoax.id">turnbackhoax.id</a> atau <a href="https://cekfakta.com">cekfakta.com</a>. Banyak hoaks yang beredar sudah pernah diperiksa di sana.</p>',
                                    },
                                    {
                                        "title": "Periksa fotonya",
                                        "text": "<p>Pakai Google Lens untuk mencari foto yang sama di internet. Sering kali foto itu ternyata kejadian lama atau dari daerah lain.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "text",
                            "<h2>Bahasa yang santun</h2>"
                            "<p>Portal desa berbicara atas nama pemerintah desa kepada semua warga, apa pun agama, suku, dan pilihan politiknya. Tulislah dengan tenang dan netral.</p>"
                            "<ul>"
                            "<li>Jangan menyindir, mengejek, atau menyalahkan warga atau kelompok tertentu.</li>"
                            "<li>Pakai sebutan yang menghormati: <i>penyandang disabilitas</i>, bukan <i>orang cacat</i>; <i>warga lanjut usia</i>, bukan <i>orang jompo</i>.</li>"
                            "<li>Saat kampanye pilkades atau pemilu, portal desa tidak boleh memihak calon mana pun.</li>"
                            "<li>Kalau ada kritik dari warga, tanggapi dengan data dan bahasa yang sopan, bukan dengan emosi.</li>"
                            "</ul>",
                        ),
                        (
                            "tip",
                            {
                                "title": "Kalau hoaks menyangkut desa Anda",
                                "text": "<p>Setelah dicek dan terbukti tidak benar, Anda bisa menulis berita klarifikasi bersama kepala desa. Sebutkan fakta yang benar dengan tenang, tanpa menyerang orang yang menyebarkan kabar itu.</p>",
                            },
                        ),
                    ],
                },
                {
                    "title": "Data pribadi warga dan hak cipta foto",
                    "slug": "data-pribadi-dan-hak-cipta",
                    "summary": "Data warga yang tidak boleh dimuat menurut UU Pelindungan Data Pribadi, dan aturan memakai foto milik orang lain.",
                    "duration_minutes": 5,
                    "body": [
                        (
                            "text",
                            "<p>Kantor desa menyimpan banyak data warga: NIK, nomor Kartu Keluarga, alamat, tanggal lahir, data kesehatan, sampai data penerima bantuan. Semua itu dilindungi oleh <b>Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi</b>, yang biasa disebut <b>UU PDP</b>. Siapa pun yang mengelola data pribadi, termasuk pemerintah desa, wajib menjaganya.</p>"
                            "<h2>Yang tidak boleh dimuat di portal</h2>"
                            "<ul>"
                            "<li><b>NIK dan nomor Kartu Keluarga</b>: jangan pernah dimuat, dalam bentuk apa pun.</li>"
                            "<li><b>Nomor HP warga</b>: hanya boleh kalau pemiliknya sudah setuju, misalnya nomor usaha yang memang ingin dihubungi pembeli.</li>"
                            "<li><b>Data kesehatan dan data anak</b>: misalnya nama balita stunting atau warga yang sakit. UU PDP menggolongkannya sebagai data pribadi yang bersifat spesifik, yang butuh perlindungan lebih.</li>"
                            "<li><b>Alamat lengkap dan tanggal lahir</b> perorangan.</li>"
                            "</ul>",
                        ),
                        (
                            "warning",
                            {
                                "title": "Hati-hati dengan foto dokumen",
                                "text": "<p>Foto daftar hadir, KTP, KK, atau daftar penerima bantuan sering ikut terunggah tanpa sengaja. Periksa setiap foto sebelum diunggah. Kalau ada dokumen yang terbaca di latar belakang, jangan pakai foto itu. Kalau desa perlu mengumumkan daftar penerima bantuan, ikuti arahan kepala desa dan pendamping, tampilkan seperlunya saja (misalnya nama dan dusun), dan jangan pernah menampilkan NIK atau nomor KK.</p>",
                            },
                        ),
                        (
                            "text",
                            "<h2>Hak cipta foto</h2>"
                            "<p>Setiap foto adalah karya. Pemegang hak ciptanya adalah orang yang memotret, sesuai Undang-Undang Nomor 28 Tahun 2014 tentang Hak Cipta. Foto yang mudah ditemukan di Google, Facebook, atau Instagram tidak otomatis boleh dipakai. Menyebut sumbernya saja tidak cukup; Anda tetap perlu izin.</p>"
                            "<ul>"
                            "<li>Paling aman: pakai foto yang Anda ambil sendiri.</li>"
                            "<li>Foto kiriman warga, misalnya foto pemandangan pantai yang bagus: minta izin, lalu tulis nama pemotretnya di keterangan foto. Contoh: <i>Foto: Andi Saputra</i>.</li>"
                            "<li>Foto dari dinas atau media: minta izin dulu, dan ikuti syarat yang mereka berikan.</li>"
                            "</ul>",
                        ),
                        (
                            "checklist",
                            {
                                "title": "Sebelum mengunggah, periksa:",
                                "items": [
                                    "Tidak ada NIK atau nomor KK, di teks maupun di foto",
                                    "Nomor HP hanya milik orang yang sudah setuju",
                                    "Tidak ada data kesehatan perorangan",
                                    "Tidak ada dokumen yang terbaca di latar foto",
                                    "Semua foto milik sendiri atau sudah ada izin pemotretnya",
                                    "Nama pemotret ditulis di keterangan foto kalau bukan foto sendiri",
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Akun aman: kata sandi kuat dan waspada penipuan",
                    "slug": "akun-aman-dan-waspada-penipuan",
                    "summary": "Membuat kata sandi yang kuat dan mudah diingat, serta mengenali penipuan lewat WhatsApp yang mengincar akun Anda.",
                    "duration_minutes": 5,
                    "body": [
                        (
                            "text",
                            "<p>Akun operator bisa mengubah halaman resmi desa. Kalau jatuh ke tangan orang lain, halaman desa bisa diisi hoaks atau tulisan yang mempermalukan desa. Menjaga akun adalah bagian dari tugas operator.</p>"
                            "<h2>Kata sandi yang kuat</h2>"
                            "<ul>"
                            "<li>Panjang lebih penting daripada rumit. Gabungkan tiga atau empat kata acak yang hanya Anda yang tahu, dengan tanda hubung atau angka.</li>"
                            "<li>Jangan memakai tanggal lahir, nama anak, nama desa, atau urutan seperti <i>12345678</i>.</li>"
                            "<li>Pakai kata sandi yang berbeda untuk setiap akun. Kalau kata sandi Facebook Anda bocor, akun portal tetap aman.</li>"
                            "<li>Di komputer kantor yang dipakai bersama, jangan biarkan peramban menyimpan kata sandi, dan selalu tekan <b>Keluar</b> setelah selesai.</li>"
                            "</ul>",
                        ),
                        (
                            "warning",
                            {
                                "title": "Penipuan lewat WhatsApp",
                                "text": "<p>Waspadai pesan yang berisi berkas berakhiran <b>.apk</b> dengan nama seperti <i>Undangan Pernikahan</i>, <i>Surat Tilang</i>, atau <i>Cek Resi Paket</i>. Jangan dibuka: berkas itu bisa mencuri data di ponsel Anda. Jangan pernah memberikan <b>kode verifikasi</b> yang dikirim lewat SMS atau WhatsApp kepada siapa pun, termasuk yang mengaku keluarga, petugas bank, atau pegawai Diskominfo.</p>",
                            },
                        ),
                        (
                            "text",
                            "<h2>Diskominfo tidak pernah meminta kata sandi</h2>"
                            "<p>Penipu sering mengaku dari kantor resmi dan memakai logo asli: <i>Bapak/Ibu operator, untuk pembaruan sistem, mohon kirim nama pengguna dan kata sandi portal.</i> Pesan seperti ini pasti penipuan. Admin kecamatan dan Diskominfo tidak perlu kata sandi Anda. Kalau Anda lupa kata sandi, mereka membuatkan kata sandi sekali pakai yang baru.</p>",
                        ),
                        (
                            "steps",
                            {
                                "title": "Kalau terlanjur tertipu",
                                "steps": [
                                    {
                                        "title": "Ganti kata sandi portal",
                                        "text": "<p>Kalau masih bisa masuk, segera ganti kata sandi Anda.</p>",
                                    },
                                    {
                                        "title": "Lapor ke kecamatan atau Diskominfo",
                                        "text": "<p>Hubungi lewat nomor resmi yang Anda kenal, bukan nomor yang tertera di pesan mencurigakan. Mereka bisa mengganti kata sandi dan memeriksa apakah ada halaman yang diubah.</p>",
                                    },
                                    {
                                        "title": "Amankan WhatsApp",
                                        "text": "<p>Aktifkan <b>Verifikasi dua langkah</b> di Setelan, lalu Akun. Dengan begitu akun WhatsApp Anda tidak mudah diambil alih walaupun kodenya bocor.</p>",
                                    },
                                    {
                                        "title": "Peringatkan rekan",
                                        "text": "<p>Beri tahu grup perangkat desa bahwa ada pesan penipuan yang beredar, supaya tidak ada korban berikutnya.</p>",
                                    },
                                ],
                            },
                        ),
                        (
                            "tip",
                            {
                                "title": "Kunci layar ponsel",
                                "text": "<p>Pasang kunci layar (PIN, pola, atau sidik jari) di ponsel yang Anda pakai untuk mengelola portal. Kalau ponsel hilang atau dipinjam, akun desa tetap aman.</p>",
                            },
                        ),
                    ],
                },
            ],
            "quiz": {
                "title": "Kuis: Aman dan etis bermedia digital",
                "slug": "kuis",
                "intro": "Ada 8 pertanyaan dalam urutan acak. Anda punya 5 kali kesempatan, dan yang dicatat adalah nilai percobaan terakhir, jadi kerjakan dengan sungguh-sungguh setiap kali.",
                "pass_mark": 70,
                "max_attempts": 5,
                "time_limit_minutes": None,
                "shuffle_questions": True,
                "shuffle_choices": True,
                "questions_per_attempt": None,
                "show_answers": "after_attempt",
                "grading": "last",
                "questions": [
                    (
                        "single",
                        {
                            "question": "Di grup WhatsApp beredar pesan tanpa sumber jelas: “Besok jembatan desa ditutup karena retak, sebarkan!” Apa yang Anda lakukan sebagai operator?",
                            "explanation": "Operator adalah sumber informasi resmi. Periksa dulu ke pihak yang berwenang, lalu tulis hanya yang sudah pasti.",
                            "choices": [
                                {
                                    "text": "Menanyakan dulu ke kepala desa atau pihak yang berwenang, lalu menulis hanya yang sudah pasti",
                                    "correct": True,
                                },
                                {
                                    "text": "Langsung menulis beritanya di portal agar warga waspada",
                                    "correct": False,
                                },
                                {
                                    "text": "Meneruskan pesan itu ke semua grup yang Anda ikuti",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "multiple",
                        {
                            "question": "Mana saja yang tidak boleh dimuat di portal desa? (Pilih semua yang benar.)",
                            "explanation": "NIK dan nomor KK tidak pernah boleh dimuat. Nomor HP warga hanya boleh dengan izin pemiliknya. Angka total dan keterangan kegiatan pembangunan boleh dan justru perlu dimuat.",
                            "scoring": "all_or_nothing",
                            "choices": [
                                {"text": "NIK warga", "correct": True},
                                {"text": "Nomor Kartu Keluarga", "correct": True},
                                {
                                    "text": "Nomor HP warga yang tidak memberi izin",
                                    "correct": True,
                                },
                                {
                                    "text": "Jumlah total balita yang datang ke posyandu",
                                    "correct": False,
                                },
                                {
                                    "text": "Nama dan lokasi kegiatan pembangunan",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "single",
                        {
                            "question": "Sebuah pesan WhatsApp berlogo Diskominfo meminta kata sandi portal Anda “untuk pembaruan sistem”. Apa yang benar?",
                            "explanation": "Diskominfo dan admin kecamatan tidak pernah meminta kata sandi. Pesan seperti itu penipuan; laporkan lewat nomor resmi yang Anda kenal.",
                            "choices": [
                                {
                                    "text": "Tidak memberikannya, dan melapor ke kecamatan atau Diskominfo lewat nomor resmi",
                                    "correct": True,
                                },
                                {
                                    "text": "Memberikannya, karena pesannya memakai logo Diskominfo",
                                    "correct": False,
                                },
                                {
                                    "text": "Memberikannya, asalkan langsung diganti keesokan harinya",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "single",
                        {
                            "question": "Mana kata sandi yang paling kuat?",
                            "explanation": "Beberapa kata acak yang digabung itu panjang dan sulit ditebak, tetapi mudah Anda ingat. Nama desa, tanggal lahir, atau kata sandi yang dipakai ulang mudah ditebak atau ikut bocor.",
                            "choices": [
                                {
                                    "text": "Tiga atau empat kata acak yang digabung, dan tidak dipakai di akun lain",
                                    "correct": True,
                                },
                                {
                                    "text": "Nama desa ditambah tahun, misalnya Sukamaju2026",
                                    "correct": False,
                                },
                                {
                                    "text": "Tanggal lahir, misalnya 17081990",
                                    "correct": False,
                                },
                                {
                                    "text": "Sama dengan kata sandi Facebook, agar mudah diingat",
                                    "correct": False,
                                },
                            ],
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Foto dari Google atau Facebook orang lain boleh dipakai di portal desa asalkan sumbernya disebutkan.",
                            "explanation": "Salah. Menyebut sumber tidak cukup. Pemegang hak cipta foto adalah pemotretnya, jadi Anda perlu izinnya.",
                            "answer": False,
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Kode verifikasi dari SMS atau WhatsApp tidak boleh diberikan kepada siapa pun, termasuk yang mengaku keluarga atau petugas.",
                            "explanation": "Benar. Dengan kode itu orang lain bisa mengambil alih akun Anda. Tidak ada petugas resmi yang memintanya.",
                            "answer": True,
                        },
                    ),
                    (
                        "true_false",
                        {
                            "question": "Dalam tulisan di portal, sebutan “penyandang disabilitas” lebih tepat daripada “orang cacat”.",
                            "explanation": "Benar. Portal desa berbicara kepada semua warga, jadi pakailah sebutan yang menghormati.",
                            "answer": True,
                        },
                    ),
                    (
                        "short_text",
                        {
                            "question": "Undang-undang tentang pelindungan data pribadi di Indonesia (UU Nomor 27 Tahun 2022) biasa disingkat apa?",
                            "explanation": "Singkatannya UU PDP, yaitu Undang-Undang Pelindungan Data Pribadi. Undang-undang ini juga berlaku bagi pemerintah desa yang mengelola data warga.",
                            "accepted": [
                                "UU PDP",
                                "UUPDP",
                                "PDP",
                                "UU Pelindungan Data Pribadi",
                                "UU Perlindungan Data Pribadi",
                                "Undang-Undang Pelindungan Data Pribadi",
                                "Undang-Undang Perlindungan Data Pribadi",
                            ],
                        },
                    ),
                ],
            },
        },
    ],
}
