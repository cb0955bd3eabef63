// SPDX-License-Identifier: MIT
#include "caseopening.h"

namespace pw {

namespace {
constexpr int kParseFrom = 5, kValidateFrom = 70;
} // namespace

OpenedCase openCaseFile(const QString &fileName, const QDateTime &now, const EngineProfile &profile,
                        const OpenControl &control) {
    OpenedCase r;
    const auto cancelled = [&] {
        r.cancelled = control.cancel && control.cancel->load(std::memory_order_relaxed);
        return r.cancelled;
    };
    const auto report = [&](OpenStage stage, int percent) {
        if (control.progress) control.progress(stage, percent);
    };
    report(OpenStage::Reading, 0);
    QByteArray bytes;
    if (!readCaseFileBytes(fileName, &bytes, &r.file, control.maxBytes) || cancelled()) return r;
    report(OpenStage::Parsing, kParseFrom);
    JsonParseOptions options;
    options.progress = [&](qint64 parsed, qint64 total) {
        report(OpenStage::Parsing, kParseFrom + int(double(parsed) / double(std::max<qint64>(1, total)) *
                                                    (kValidateFrom - kParseFrom)));
        return !cancelled();
    };
    r.file = parseCaseBytes(bytes, options);
    bytes = QByteArray(); // the text is not needed past the parse
    if (r.cancelled || !r.file.root) return r;
    report(OpenStage::Validating, kValidateFrom);
    r.validation = validateCase(*r.file.root, now, profile);
    if (cancelled())
        r.validation.reset();
    else
        report(OpenStage::Validating, 100);
    return r;
}

} // namespace pw
