// SPDX-License-Identifier: MIT
#include "offeringverdicts.h"

#include "engine/plainwords.h"

#include <QCoreApplication>

namespace pw {

std::shared_ptr<const OfferingVerdicts> OfferingVerdicts::of(const JsonValue &rankedRoot,
                                                             const JsonValue &output) {
    auto v = std::make_shared<OfferingVerdicts>();
    v->input = rankedRoot[u"input"];
    v->offerings = rankedRoot[u"offerings"];
    const auto &items = v->offerings.arrayItems();
    v->positions.reserve(qsizetype(items.size()));
    // Backwards, so the first offering of an id wins (a repeated id is a validation error).
    for (size_t i = items.size(); i-- > 0;)
        v->positions.insert(items[i][u"id"].toString(), int(i));
    for (const auto &f : output[u"filtered_offerings"].arrayItems())
        v->marks.insert(f[u"id"].toString(),
                        {Kind::Filtered, f[u"reason"].toString(), f[u"detail"].toString()});
    for (const auto &i : output[u"ignored_offerings"].arrayItems())
        v->marks.insert(i[u"id"].toString(),
                        {Kind::Ignored, i[u"category"].toString(),
                         QCoreApplication::translate(
                             "pw::OfferingsModel",
                             "%1 is not among the requested lines; the engine ignores this offering")
                             .arg(lineWords(i[u"category"].toString()))});
    return v;
}

const OfferingVerdicts::Verdict *OfferingVerdicts::currentVerdict(const JsonValue &offering,
                                                                  const JsonValue &caseInput) const {
    // The filter reads the case's input (its state, NAICS codes, vehicles, requested lines) and the
    // offering itself: a verdict stands while both are as the run saw them.
    if (caseInput != input) return nullptr;
    const auto pos = positions.constFind(offering[u"id"].toString());
    if (pos == positions.cend() || offerings.at(*pos) != offering) return nullptr;
    const auto mark = marks.constFind(offering[u"id"].toString());
    return mark != marks.cend() ? &*mark : &m_eligible;
}

} // namespace pw
