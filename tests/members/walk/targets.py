"""The world's objects as targets: who owns, hosts, reads or sees nothing of each.

Subtree A's secretary owns A's objects; B (town B and its mobile branch B1) hosts two of A's
members, reads what it hosts and owns its own objects; county B's viewer reads all of B; the
outsider has no assignment at all.
"""

from tests.members.walk.cases import BOTH, INFLOW, OWNER, RB1, READER, SA, SB, VB, WRITER
from tests.members.walk.cases import Target as T

A_ONLY = {SA: OWNER}
B_OWNS = {SB: OWNER, RB1: OWNER, VB: READER}
HOSTED_IN_B1 = {SA: OWNER, SB: INFLOW, RB1: INFLOW, VB: READER}

# Organisations (the tree, organisational life by year).
ORG_A = T("town_a", "大街街道党工委", A_ONLY)
ORG_B1 = T("branch_b1", "南滩街道流动党员党支部", B_OWNS)

# Member files: read through the home organisation only, hosted or not.
FILE_A = T("member_a", "张善强", A_ONLY)
FILE_TAKEN = T("member_taken", "李建军", A_ONLY)
FILE_B = T("member_b", "肖双强", B_OWNS)

# Mobile records: the outflow side (owner), the inflow side, the viewer over the host.
DRAFT_A = T("draft_a", "李草稿", A_ONLY)  # addressed to B1, but a draft: B sees nothing yet
WAITING_A = T("waiting_a", "李等待", HOSTED_IN_B1)  # sent to B1, waiting to report in
TAKEN_A = T("taken_a", "李建军", HOSTED_IN_B1)  # taken in by B1
RECORD_B = T("record_b", "马外出", {SB: BOTH, RB1: BOTH, VB: READER})  # to Chengdu (outside)
RECORDS = (DRAFT_A, WAITING_A, TAKEN_A, RECORD_B)

# Letters of introduction, named by their issuing committee.
LETTER_TAKEN = T("letter_taken", "大街街道党工委", HOSTED_IN_B1)
LETTER_B = T("letter_b", "南滩街道党工委", {SB: BOTH, RB1: BOTH, VB: READER})

# Members as managed (contacts, dues, reviews, work): home files and the members hosted.
MANAGED_A = T("member_a", "张善强", A_ONLY)
MANAGED_TAKEN = T("member_taken", "李建军", HOSTED_IN_B1)
MANAGED_B = T("member_away_b", "马外出", B_OWNS)
MANAGED = (MANAGED_A, MANAGED_TAKEN, MANAGED_B)

# Rows of management, read by whoever manages the member (never written through the API).
CONTACTS = (
    T("contact_a", "联系a", A_ONLY),
    T("contact_taken", "联系taken", HOSTED_IN_B1),
    T("contact_b", "联系b", B_OWNS),
)
PAYMENTS = (
    T("payment_a", "", A_ONLY),
    T("payment_taken", "", HOSTED_IN_B1),
    T("payment_b", "", B_OWNS),
)
REVIEWS = (
    T("review_a", "", A_ONLY),
    T("review_taken", "", HOSTED_IN_B1),
    T("review_b", "", B_OWNS),
)

# Organisational life: A reads B1's activity because its member attended it.
ACTIVITY_A = T("activity_a", "大街社区十一月主题党日", A_ONLY)
ACTIVITY_B = T("activity_b", "南滩流动党员支部党课", {**B_OWNS, SA: READER})

# Pages that create something where the payload says: A's writer, writers elsewhere, the
# viewer, and the outsider who writes nowhere.
CREATE_IN_A = T(None, "", {SA: OWNER, SB: WRITER, RB1: WRITER, VB: READER})
CREATE_IN_B1 = T(None, "", {SB: OWNER, RB1: OWNER, SA: WRITER, VB: READER})

INBOX_A = T("inbox_a", "站内信a", A_ONLY)
# Failed SMS to a member: resent by whoever writes the member's file.
SMS_A = T("sms_a", "", A_ONLY)
SMS_B = T("sms_b", "", B_OWNS)
# Pages for anyone with a role somewhere (the organisation lookup): the outsider has none.
WITH_A_ROLE = T(None, "", {SA: READER, SB: READER, RB1: READER, VB: READER})
