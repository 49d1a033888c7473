"""The project's toolbox: storage, exports, validators, rate limits and errors.

Every app may use these modules, and they import no app (a `forbidden` contract in
`.importlinter` checks it), so they sit below the lowest layer.
"""
