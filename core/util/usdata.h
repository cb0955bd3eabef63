// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace pw {

// Reference data about US addresses and vehicles used by validation.
// The 50 states and DC as two-letter USPS codes (upper case).
bool isUsStateCode(const QString &code);
// The same codes, in alphabetical order (for messages that list the valid values).
QStringList usStateCodeList();
// The state a ZIP code's first three ASCII digits belong to ("" when unknown or malformed).
QString stateForZip(const QString &zip);
// Whether a 17-character VIN's ninth character is its check digit (North American rule).
// Returns false for anything that is not 17 valid VIN characters.
bool vinCheckDigitValid(const QString &vin);
// 17 characters, each an ASCII digit or a VIN letter (A–Z without I, O and Q; lower case accepted).
bool vinWellFormed(const QString &vin);

} // namespace pw
