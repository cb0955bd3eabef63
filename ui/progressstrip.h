// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace pw {

// A strip that says what long work is doing, where the eye is (above what the work will change): a
// plain-text line, a bar (a percentage, or busy when the size is unknown), the time elapsed since start()
// and a Cancel button. After fail() it shows the error in its place, with a Dismiss button, until the
// next start() or the user dismisses it. Hidden when idle. Object names: "<name>Text", "<name>Bar",
// "<name>Elapsed", "<name>Cancel" after the strip's own name (set by the owner).
class ProgressStrip : public QWidget {
    Q_OBJECT
public:
    explicit ProgressStrip(const QString &objectName, QWidget *parent = nullptr);

    void start(const QString &text);
    // percent < 0: busy (no known size).
    void setProgress(const QString &text, int percent);
    void finish();                     // hides the strip
    void fail(const QString &message); // shows the error in place of the progress
    bool isRunning() const { return m_running; }
    QString text() const;
    qint64 elapsedMs() const { return m_running ? m_clock.elapsed() : 0; }

signals:
    void cancelRequested();

private:
    void updateElapsed();
    QLabel *m_text = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_elapsed = nullptr;
    QPushButton *m_button = nullptr;
    QTimer *m_tick = nullptr;
    QElapsedTimer m_clock;
    bool m_running = false;
};

} // namespace pw
