"""Traditional characters of the words the importer looks for, read as simplified.

Mirrors sometimes convert a mainland document to traditional characters (牽頭, 負責, 指導思想,
完成時限). Keywords are matched on a simplified copy; one character maps to one, so an offset
in the copy is an offset in the original, and names are kept as the document writes them.
"""

from __future__ import annotations

_PAIRS = (
    "牽牵頭头負负責责職职單单門门領领導导與与參参協协辦办時时間间務务實实現现體体關关應应區区縣县"
    "鄉乡鎮镇黨党會会處处級级廳厅據据劃划發发織织組组營营業业產产農农設设則则總总計计點点進进標标"
    "義义範范圍围內内容容備备註注說说號号項项專专題题條条廠厂礎础訊讯網网資资維维護护施施達达歸归"
    "檢检測测評评價价擔担當当強强夠够億亿萬万歲岁舉举優优築筑環环衛卫電电車车傳传績绩點点問问"
    "長长續续態态堅坚開开驗验聯联來来啟启動动確确"
)
_TABLE = str.maketrans(_PAIRS[0::2], _PAIRS[1::2])


def simplified(text: str) -> str:
    """``text`` with the traditional characters of plan keywords simplified, one for one."""
    return text.translate(_TABLE)
