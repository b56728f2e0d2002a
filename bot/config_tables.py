"""TOML tables read into the config dataclasses: types checked against the defaults, secrets from ``*_env``."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from typing import Any

from bot.config_model import ConfigError, Secret, collect

# number keys for which 0 means "no limit" (every other number of seconds must be positive)
ZERO_IS_NO_LIMIT = frozenset({"database.migration_statement_timeout_seconds"})


def expect(path: str, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    """``value`` if it is a ``kind`` (a bool is not a number), else ConfigError: ``path: expected what, got ...``."""
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise ConfigError(f"{path}: expected {what}, got {value!r}")
    if not isinstance(value, kind):
        raise ConfigError(f"{path}: expected {what}, got {value!r}")
    return value


def read_section(raw: Mapping[str, Any], path: str, cls: type, env: Mapping[str, str]) -> Any:
    """``raw`` read into ``cls``; every unknown key and bad value of the table in one ConfigError (ConfigError.of)."""
    section, errors = read_section_kept(raw, path, cls, env)
    if errors:
        raise ConfigError.of(errors)
    return section


def read_section_kept(raw: Mapping[str, Any], path: str, cls: type,
                      env: Mapping[str, str]) -> tuple[Any, list[ConfigError]]:
    """``raw`` read into ``cls`` with its good keys (a bad or unknown one left at its default), and the problems:
    so the values read whole are checked too, in the same run."""
    defaults = cls()
    known = {f.name for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    errors: list[ConfigError] = []
    for key, value in raw.items():
        kwargs.update(collect(errors, _read_key, key, value, path, defaults, known, env) or {})
    for name in known:
        default = getattr(defaults, name)
        if isinstance(default, Secret) and name not in kwargs:
            kwargs[name] = Secret(default.env_name, env.get(default.env_name, ""))
    return cls(**kwargs), errors


def _read_key(key: str, value: Any, path: str, defaults: Any, known: set[str],
              env: Mapping[str, str]) -> dict[str, Any]:
    """``{name: value}`` for one key of a table, checked against its default's type; ConfigError naming it."""
    key_path = f"{path}.{key}"
    if key.endswith("_env") and key[:-4] in known and isinstance(getattr(defaults, key[:-4]), Secret):
        env_name = expect(key_path, value, str, "the name of an environment variable")
        return {key[:-4]: Secret(env_name, env.get(env_name, ""))}
    if key not in known:  # a secret is set by naming its variable: ``bot_token_env``, never ``bot_token``
        written = (f"{name}_env" if isinstance(getattr(defaults, name), Secret) else name for name in known)
        raise ConfigError(f"{key_path}: unknown key (known: {', '.join(sorted(written))})")
    default = getattr(defaults, key)
    if isinstance(default, Secret):
        raise ConfigError(f"{key_path}: secrets are never written in the file; set {key}_env to the "
                          "name of an environment variable instead")
    if isinstance(default, bool):
        return {key: expect(key_path, value, bool, "true or false")}
    if isinstance(default, int):
        number = expect(key_path, value, int, "a whole number")
        if number < 0:
            raise ConfigError(f"{key_path}: expected a whole number of 0 or more, got {value!r}")
        return {key: number}
    if isinstance(default, float):
        real = float(expect(key_path, value, (int, float), "a number"))
        if key_path in ZERO_IS_NO_LIMIT and real == 0:
            return {key: real}
        if not math.isfinite(real) or real <= 0:
            none = "0 (no limit) or " if key_path in ZERO_IS_NO_LIMIT else ""
            raise ConfigError(f"{key_path}: expected {none}a positive number, got {value!r}")
        return {key: real}
    if isinstance(default, tuple):
        items = expect(key_path, value, list, "a list of strings")
        for i, item in enumerate(items):
            expect(f"{key_path}[{i}]", item, str, "a string")
        return {key: tuple(items)}
    return {key: expect(key_path, value, str, "a string")}


def read_table_list_kept(raw: Any, path: str, cls: type, env: Mapping[str, str],
                         required: str) -> tuple[tuple[Any, ...], list[ConfigError]]:
    """Each table of the list read with its good keys (a bad one at its default; ``required``, its one key that
    must be there, said when missing), and every entry's problems; an entry that is no table is ``cls()`` at its
    index, so the others keep theirs, for the checks that follow to name (``named_keys``: what is said already)."""
    items = expect(path, raw, list, "a list of tables")
    errors: list[ConfigError] = []
    out = []
    for i, item in enumerate(items):
        read = collect(errors, _read_entry_kept, item, f"{path}[{i}]", cls, env, required)
        entry, found = read if read is not None else (cls(), [])
        out.append(entry)
        errors += found
    return tuple(out), errors


def named_keys(errors: list[ConfigError], path: str) -> frozenset[tuple[int, str]]:
    """``(index, key)`` for each key of the ``path`` list's entries that ``errors`` name (``channels[2].length:
    ...`` -> ``(2, "length")``); ``(index, "")`` for an entry named whole (``channels[2]: expected a table``)."""
    entry = re.compile(rf"{re.escape(path)}\[(\d+)\](?:\.([A-Za-z_][\w-]*))?[.:\[]")
    return frozenset((int(m.group(1)), m.group(2) or "") for e in errors for p in e.problems if (m := entry.match(p)))


def _read_entry_kept(item: Any, path: str, cls: type, env: Mapping[str, str],
                     required: str) -> tuple[Any, list[ConfigError]]:
    expect(path, item, dict, "a table")
    entry, errors = read_section_kept(item, path, cls, env)
    if required not in item:
        errors.insert(0, ConfigError(f"{path}.{required}: required"))
    return entry, errors
