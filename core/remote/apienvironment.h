// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace pw {

// What a Nexio API key says about where it submits: `nx_test_…` the sandbox (TEST), `nx_live_…`
// production (LIVE), `nx_<slug>_…` another non-production environment named by the slug. Anything else is
// not a recognisable key (`known` false); it is treated like a live key when asking for confirmation.
struct ApiEnvironment {
    QString name; // "TEST", "LIVE", the slug as written, or empty when not recognisable
    bool known = false;
    bool live = false;

    bool needsConfirmation() const { return live || !known; }
    bool operator==(const ApiEnvironment &) const = default;

    static ApiEnvironment fromKey(const QString &apiKey);
};

// The key as it may be shown: its prefix and a mask ("nx_test_••••••••3f"), never the whole secret.
QString maskApiKey(const QString &apiKey);

} // namespace pw
