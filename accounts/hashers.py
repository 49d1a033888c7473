"""Password hashing: Argon2id at the parameters OWASP's password storage cheat sheet gives."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with 19 MiB of memory, 2 iterations and 1 lane (OWASP's first option).

    Django's own Argon2 defaults (100 MiB, 2 iterations, 8 lanes) cost a 2-core server
    more memory and time per sign-in than a hall of 80 phones can wait for; OWASP
    rates these parameters as strong as its others. Hashes made with other parameters
    are upgraded at the next sign-in (`must_update`).
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
