#!/usr/bin/env python3
"""Derives the bad-profile corpus (bad/), the unknown-field profile (warn/) and the version 0
profile (good/version0.pipescope) from good/small.pipescope, which the profile writer itself
produced (tst_profile goodCorpusReads with PIPESCOPE_WRITE_CORPUS=1). Run from this folder."""
import base64
import copy
import json
import struct
import zlib

good = json.load(open("good/small.pipescope"))


def write(name, data, folder="bad"):
    with open(f"{folder}/{name}", "wb") as f:
        f.write(data if isinstance(data, bytes) else json.dumps(data, indent=1).encode())


def variant(change):
    doc = copy.deepcopy(good)
    change(doc)
    return doc


def run0(doc):
    return doc["runs"][0]


def lane(doc, i=0):
    return run0(doc)["trace"]["lanes"][i]


def qcompress(raw, declared=None):
    """qCompress layout: 4-byte big-endian inflated size, then a zlib stream."""
    size = len(raw) if declared is None else declared
    return base64.b64encode(struct.pack(">I", size) + zlib.compress(raw)).decode()


def unpack_lane(entry):
    raw = zlib.decompress(base64.b64decode(entry["data"])[4:])
    n = entry["events"]
    start = list(struct.unpack(f"<{n}q", raw[: 8 * n]))
    dur = list(struct.unpack(f"<{n}q", raw[8 * n : 16 * n]))
    req = list(struct.unpack(f"<{n}i", raw[16 * n : 20 * n]))
    kind = list(raw[20 * n : 21 * n])
    stage = list(raw[21 * n : 22 * n])
    return start, dur, req, kind, stage


def pack_lane(start, dur, req, kind, stage):
    n = len(start)
    return (struct.pack(f"<{n}q", *start) + struct.pack(f"<{n}q", *dur) + struct.pack(f"<{n}i", *req)
            + bytes(kind) + bytes(stage))


def set_path(path, value):
    def change(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        if value is KeyError:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return variant(change)


text = json.dumps(good).encode()
write("empty.pipescope", b"")
write("truncated.pipescope", text[: len(text) // 2])
write("invalid_json.pipescope", b"{format: 'pipescope-profile', format_version: 1}")
write("not_a_profile.pipescope", {"name": "a package.json", "version": "1.0.0"})
write("top_level_array.pipescope", [1, 2, 3])
write("newer_version.pipescope", set_path(["format_version"], 7))
write("version_not_number.pipescope", set_path(["format_version"], "one"))
write("runs_not_array.pipescope", set_path(["runs"], {"0": {}}))
write("run_not_object.pipescope", set_path(["runs", 0], 42))
write("batch_wrong_type.pipescope", set_path(["runs", 0, "config", "batch"], "four"))
write("batch_fraction.pipescope", set_path(["runs", 0, "config", "batch"], 2.5))
write("batch_absurd.pipescope", set_path(["runs", 0, "config", "batch"], 10**12))
write("batch_negative.pipescope", set_path(["runs", 0, "config", "batch"], -4))
write("group_size_zero.pipescope", set_path(["runs", 0, "config", "group_sizes"], [2, 0]))
write("data_type_unknown.pipescope", set_path(["runs", 0, "config", "data_type"], "fp8"))
write("flops_negative.pipescope", set_path(["runs", 0, "model", "ops", 1, "flops"], -5))
write("engine_unknown.pipescope", set_path(["runs", 0, "model", "ops", 0, "engine"], "quantum"))
write("ops_missing.pipescope", set_path(["runs", 0, "model", "ops"], KeyError))
write("ops_empty.pipescope", set_path(["runs", 0, "model", "ops"], []))
write("summary_missing.pipescope", set_path(["runs", 0, "summary"], KeyError))
write("throughput_string.pipescope", set_path(["runs", 0, "summary", "throughput_per_s"], "fast"))
write("instance_kind_unknown.pipescope", set_path(["runs", 0, "instance", "kind"], "tpu"))
write("chips_absurd.pipescope", set_path(["runs", 0, "instance", "chips"], 4096))
write("price_negative.pipescope", set_path(["runs", 0, "instance", "price_per_hour", "launch"], -0.5))
write("workload_kind_unknown.pipescope", set_path(["runs", 0, "workload", "kind"], "burst"))
write("seed_negative.pipescope", set_path(["runs", 0, "workload", "seed"], -1))
write("selected_out_of_range.pipescope", set_path(["selected_run"], 5))
write("created_not_date.pipescope", set_path(["created"], "yesterday"))
write("trace_2e40_events.pipescope", set_path(["runs", 0, "trace", "lanes", 0, "events"], 2**40))
write("trace_bad_base64.pipescope", set_path(["runs", 0, "trace", "lanes", 0, "data"], "@@not*base64@@"))
# 50 million events need 1.1 GB; the blob says so but holds a few bytes of zlib.
write("trace_blob_lies_size.pipescope",
      variant(lambda d: lane(d).update(events=50_000_000, data=qcompress(b"\0" * 64, 1_100_000_000))))
write("trace_blob_count_mismatch.pipescope", set_path(["runs", 0, "trace", "lanes", 0, "events"], 2))
write("trace_blob_damaged.pipescope",
      set_path(["runs", 0, "trace", "lanes", 0, "data"],
               base64.b64encode(struct.pack(">I", 66) + b"\x78\x9c garbage that is not deflate").decode()))


def overlapping(doc):
    start, dur, req, kind, stage = unpack_lane(lane(doc))
    start[1] = start[0] + dur[0] - 1
    lane(doc)["data"] = qcompress(pack_lane(start, dur, req, kind, stage))


def unknown_kind(doc):
    start, dur, req, kind, stage = unpack_lane(lane(doc, 1))
    kind[2] = 9
    lane(doc, 1)["data"] = qcompress(pack_lane(start, dur, req, kind, stage))


def requests_backwards(doc):
    entry = run0(doc)["trace"]["requests"]
    raw = bytearray(zlib.decompress(base64.b64decode(entry["data"])[4:]))
    n = entry["count"]
    issue = struct.unpack_from("<q", raw, 8 * 3)[0]
    struct.pack_into("<q", raw, 8 * n + 8 * 3, issue - 1)
    entry["data"] = qcompress(bytes(raw))


def past_78_hours(doc):
    # A trace event holds 48 bits of ns (78 hours): this one would start past them.
    start, dur, req, kind, stage = unpack_lane(lane(doc))
    start[-1] += 2**48
    lane(doc)["data"] = qcompress(pack_lane(start, dur, req, kind, stage))


def long_event(doc):
    # The last event of lane 0 lasts 10 s: more than a 32-bit duration, kept split on reading.
    start, dur, req, kind, stage = unpack_lane(lane(doc))
    dur[-1] = 10_000_000_000
    lane(doc)["data"] = qcompress(pack_lane(start, dur, req, kind, stage))


write("trace_overlapping_events.pipescope", variant(overlapping))
write("trace_event_past_78_hours.pipescope", variant(past_78_hours))
write("long_event.pipescope", variant(long_event), "good")
write("trace_unknown_kind.pipescope", variant(unknown_kind))
write("requests_backwards.pipescope", variant(requests_backwards))
write("placement_op_range.pipescope",
      set_path(["runs", 0, "trace", "placement", "groups", 0, "stages", 0, "end_op"], 99))
write("occupancy_bins_absurd.pipescope", set_path(["runs", 0, "trace", "occupancy", "bins"], 10**15))


def unknown_fields(doc):
    doc["colour_scheme"] = "dark"
    run0(doc)["config"]["compiler_flags"] = "-O3"
    lane(doc, 1)["colour"] = "#ff0000"


write("unknown_fields.pipescope", variant(unknown_fields), "warn")


def version0(doc):
    doc["format_version"] = 0
    run = run0(doc)
    del run["trace"]
    del run["workload"]["warmup"]
    run["config"]["group_sizes"] = "4,4,4,4"
    run["config"]["pipeline_cores"] = 4


write("version0.pipescope", variant(version0), "good")
