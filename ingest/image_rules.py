"""The straight lines drawn on a page image (a scanned table's rules), found with OpenCV: the dark pixels opened
with a long thin kernel keep only runs longer than any stroke of a character, gaps shorter than that in them (a
worn or tilted line) are closed, and each connected run left is one rule. OpenCV comes with the OCR extra
(``rapidocr-onnxruntime``)."""

from __future__ import annotations

from policykb.ingest.grid import Rule

__all__ = ["A4_WIDTH_INCHES", "image_rules", "rule_tolerance"]

A4_WIDTH_INCHES = 8.27
MIN_RULE_INCHES = 0.3  # a rule is longer than this; the longest stroke of 三号 type (16 pt) is 0.22 inch
TOLERANCE_INCHES = 0.04  # rules this close are one (a thick, blurred or slightly tilted line)


def _dpi(image) -> float:  # noqa: ANN001 - a PIL image
    """The scan's resolution, taken from its width as a portrait A4 page (a landscape page: from its height)."""
    return min(image.width, image.height) / A4_WIDTH_INCHES


def rule_tolerance(image) -> float:  # noqa: ANN001 - a PIL image
    """How far apart, in pixels, two rules of the image may be and still be one."""
    return TOLERANCE_INCHES * _dpi(image)


def image_rules(image) -> list[Rule]:  # noqa: ANN001 - a PIL image
    """The horizontal and vertical rules drawn on the page, in pixels."""
    import cv2
    import numpy as np

    grey = np.asarray(image.convert("L"))
    ink = cv2.adaptiveThreshold(~grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)
    length = max(8, int(MIN_RULE_INCHES * _dpi(image)))
    rules: list[Rule] = []
    for across in (True, False):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if across else (1, length))
        runs = cv2.morphologyEx(cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel), cv2.MORPH_CLOSE, kernel)  # worn lines
        count, _, stats, _ = cv2.connectedComponentsWithStats(runs)
        for x, y, w, h, _ in stats[1:count]:
            if across:
                rules.append(Rule(float(x), y + h / 2, float(x + w), y + h / 2))
            else:
                rules.append(Rule(x + w / 2, float(y), x + w / 2, float(y + h)))
    return rules
