#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_CASE_RENDER_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_CASE_RENDER_H_

// The case-service responses that read better laid out by hand than by
// render.h's generic listing (table output only; --output json is always
// the canonical mapping).

#include <ostream>
#include <string>

#include "lawenforce/cases/v1/cases.pb.h"

namespace lawenforce::ctl {

// `case explain`: the clock and its rule with the legal basis, the start
// event, state, the due moment (exclusive) and last day, whether working
// days were counted on a provisional calendar (and which days and
// holidays), then every pause, resume, extension and re-derivation, and
// the steps by which the due moment came about.
std::string RenderDeadlineExplanation(const cases::v1::DeadlineExplanation& explanation);

// `record verify`: kExitOk when the record is intact; otherwise writes
// "error: record not intact: ..." to `err` and returns kExitRpcError, so a
// script that checks exit codes cannot miss a tampered record.
int RecordVerificationVerdict(const cases::v1::RecordVerification& verification, std::ostream& err);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_CASE_RENDER_H_
