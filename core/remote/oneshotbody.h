// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace pw {

// The body of a request, readable once. Qt's HTTP stack silently sends a request again when the connection
// closes before an answer; for a submission that could create a second run. Once any byte has been read,
// rewinding fails, so Qt reports ContentReSendError instead of sending the body twice.
class OneShotBody final : public QIODevice {
public:
    OneShotBody(QByteArray data, QObject *parent)
        : QIODevice(parent)
        , m_data(std::move(data)) {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_data.size(); }
    bool seek(qint64 pos) override {
        if (m_read && pos < m_end) return false;
        return QIODevice::seek(pos);
    }
    bool reset() override { return seek(0); }
    bool atEnd() const override { return pos() >= m_data.size(); }

protected:
    qint64 readData(char *out, qint64 max) override {
        const qint64 n = std::max<qint64>(0, std::min<qint64>(max, m_data.size() - pos()));
        if (n > 0) {
            std::memcpy(out, m_data.constData() + pos(), size_t(n));
            m_read = true;
            m_end = std::max(m_end, pos() + n);
        }
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    bool m_read = false;
    qint64 m_end = 0;
};

} // namespace pw
