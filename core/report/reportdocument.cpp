// SPDX-License-Identifier: MIT
#include "reportdocument.h"

namespace pw {

QStringList ReportDocument::allText() const {
    QStringList out{title, runningHeader};
    if (cover.present)
        out << cover.title << cover.insured << cover.address << cover.date << cover.agencyName << cover.agent
            << cover.contact;
    for (const ReportBlock &b : blocks) {
        out << b.text << b.items << b.table.header;
        for (const ReportRow &r : b.table.rows)
            for (const ReportCell &c : r.cells)
                out << c.text;
    }
    out.removeAll(QString());
    return out;
}

} // namespace pw
