"""Checks the harness's medians, table and target lines with fixed numbers: python3 -m unittest e2e/bench/test_report.py"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
import report  # noqa: E402


class ReportTest(unittest.TestCase):

    def test_median_ignores_missing_values(self):
        self.assertEqual(report.median([3.0, None, 1.0, 2.0]), 2.0)
        self.assertEqual(report.median([4.0, 1.0]), 2.5)
        self.assertIsNone(report.median([None, None]))

    def test_table_right_aligns_numbers_and_prints_na(self):
        rows = [{"shape": "joined", "n": 10, "up_cold": 1.234, "up_again": 0.5, "plan": None, "ps": 0.25,
                 "down": 1.0, "floor_up": 0.3, "floor_down": 0.2, "rss_per_n": 0.0, "pss_per_n": 0.0,
                 "pss_awake": None},
                {"shape": "host", "n": 100, "up_cold": 12.0, "up_again": 0.75, "plan": 0.5, "ps": 0.5,
                 "down": 9.5, "floor_up": 2.0, "floor_down": 1.25, "rss_per_n": 0.4, "pss_per_n": 0.125,
                 "pss_awake": 57.25}]
        expected = "\n".join([
            "shape     N  up -d (s)  up again (s)  plan (s)  ps (s)  down (s)  floor up (s)  floor down (s)"
            "  RSS/N (MB)  PSS/N (MB)  PSS awake (MB)",
            "joined   10       1.23          0.50       n/a    0.25      1.00          0.30            0.20"
            "        0.00        0.00             n/a",
            "host    100      12.00          0.75      0.50    0.50      9.50          2.00            1.25"
            "        0.40        0.12           57.25",
        ])
        self.assertEqual(report.table(rows), expected)

    def test_verdicts_compare_n100_with_floor_and_fixed_limits(self):
        rows = [{"shape": "joined", "n": 50, "up_cold": 99.0, "floor_up": 1.0},
                {"shape": "joined", "n": 100, "up_cold": 5.2, "floor_up": 2.0, "down": 1.0, "floor_down": 1.0,
                 "up_again": 0.3, "plan": None, "ps": 1.2, "pss_per_n": 0.5}]
        self.assertEqual(report.verdicts(rows, 0.6), [
            "version: 0.60 s, target <= 0.30 s: missed by 2.00x",
            "up_cold joined N=100: 5.20 s, target <= 2.60 s (1.3x floor): missed by 2.00x",
            "down joined N=100: 1.00 s, target <= 1.30 s (1.3x floor): met",
            "up_again joined N=100: 0.30 s, target <= 0.60 s: met",
            "ps joined N=100: 1.20 s, target <= 0.60 s: missed by 2.00x",
            "pss_total joined N=100: 50.00 MB, target <= 40.00 MB: missed by 1.25x",
        ])

    def test_stack_of_the_joined_shape_has_one_owner_and_joiners(self):
        text = bench.stack_text("joined", 2)
        self.assertEqual(text, "\n".join([
            "services:",
            "  s000:", "    rootfs: host", '    network_mode: "none"', '    command: ["sleep", "infinity"]',
            "    stop_signal: SIGKILL",
            "  s001:", "    rootfs: host", '    network_mode: "service:s000"', '    command: ["sleep", "infinity"]',
            "    stop_signal: SIGKILL",
        ]) + "\n")


if __name__ == "__main__":
    unittest.main()
