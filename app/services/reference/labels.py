"""Chinese labels of the reference codes (unit use and status, party kind, ID type)."""

from __future__ import annotations

# Chinese labels the office uses on paper and in Excel (imports accept them, exports write them).
USE_LABELS_ZH = {
    "office": "办公",
    "shop": "商铺",
    "storage": "仓储",
    "residence": "住宅",
    "parking": "车位",
    "other": "其他",
}
STATUS_LABELS_ZH = {"occupied": "已入住", "vacant": "空置", "renovating": "装修中"}
KIND_LABELS_ZH = {"owner": "业主", "tenant": "租户"}
ID_TYPE_LABELS_ZH = {
    "ric": "居民身份证",
    "uscc": "统一社会信用代码",
    "passport": "护照",
    "other": "其他",
}
