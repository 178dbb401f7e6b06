"""Checks an export against FaceNet Streams: the PyTorch module on the stored sample inputs must give the
stored embeddings within a tolerance.

    python3 tools/pytorch/check_export.py EXPORT_DIR [--tolerance 1e-4]

EXPORT_DIR comes from ``./facenet export --checkpoint FILE.ckpt --out EXPORT_DIR --sample-inputs N``.
Prints the largest absolute difference; exits 1 when it exceeds the tolerance.
"""

import argparse
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import facenet_streams  # noqa: E402


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export_dir")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args(argv)

    inputs_file = os.path.join(args.export_dir, "sample_inputs.npy")
    expected_file = os.path.join(args.export_dir, "sample_embeddings.npy")
    if not os.path.exists(inputs_file):
        sys.exit("%s: no sample inputs (export with --sample-inputs N)" % args.export_dir)
    torch.set_grad_enabled(False)
    model = facenet_streams.load(args.export_dir)
    inputs = np.load(inputs_file)
    expected = np.load(expected_file)
    started = time.time()
    actual = model(torch.from_numpy(inputs)).numpy()
    seconds = time.time() - started
    if actual.shape != expected.shape:
        sys.exit("shape %s from PyTorch, %s stored" % (actual.shape, expected.shape))
    diff = float(np.max(np.abs(actual - expected)))
    print("%s: %s, %d samples %s -> %s, %d tensors; torch %s; forward %.2f s"
          % (args.export_dir, model.config["architecture"], inputs.shape[0], tuple(inputs.shape[1:]),
             tuple(actual.shape[1:]), len(model.net.djl_tensors()), torch.__version__, seconds))
    print("max abs diff %.3g (tolerance %.0e): %s" % (diff, args.tolerance, "OK" if diff <= args.tolerance else "FAIL"))
    return 0 if diff <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
