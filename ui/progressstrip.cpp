// SPDX-License-Identifier: MIT
#include "progressstrip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace pw {

ProgressStrip::ProgressStrip(const QString &objectName, QWidget *parent)
    : QWidget(parent) {
    setObjectName(objectName);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 3, 8, 3);
    m_text = new QLabel(this);
    m_text->setObjectName(objectName + QStringLiteral("Text"));
    m_text->setTextFormat(Qt::PlainText); // file names and case text are plain data
    m_text->setMinimumWidth(80);
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(objectName + QStringLiteral("Bar"));
    m_bar->setMaximumWidth(180);
    m_bar->setMaximumHeight(16);
    m_bar->setTextVisible(false);
    m_elapsed = new QLabel(this);
    m_elapsed->setObjectName(objectName + QStringLiteral("Elapsed"));
    m_button = new QPushButton(tr("Cancel"), this);
    m_button->setObjectName(objectName + QStringLiteral("Cancel"));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_bar);
    layout->addWidget(m_elapsed);
    layout->addWidget(m_button);
    m_tick = new QTimer(this);
    m_tick->setInterval(250);
    connect(m_tick, &QTimer::timeout, this, &ProgressStrip::updateElapsed);
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_running)
            emit cancelRequested();
        else
            hide(); // Dismiss an error
    });
    hide();
}

void ProgressStrip::start(const QString &text) {
    m_running = true;
    m_clock.start();
    setStyleSheet(QString());
    m_bar->show();
    m_elapsed->show();
    m_button->setText(tr("Cancel"));
    m_button->setToolTip(tr("Stop this work; what the window shows stays as it is"));
    setProgress(text, -1);
    updateElapsed();
    m_tick->start();
    show();
}

void ProgressStrip::setProgress(const QString &text, int percent) {
    m_text->setText(text);
    if (percent < 0) {
        m_bar->setRange(0, 0);
    } else {
        m_bar->setRange(0, 100);
        m_bar->setValue(std::clamp(percent, 0, 100));
    }
}

void ProgressStrip::finish() {
    m_running = false;
    m_tick->stop();
    hide();
}

void ProgressStrip::fail(const QString &message) {
    m_running = false;
    m_tick->stop();
    setStyleSheet(
        QStringLiteral("#%1 { background: #fde2e1; border: 1px solid #d9534f; }").arg(objectName()));
    setAttribute(Qt::WA_StyledBackground, true);
    m_text->setText(message);
    m_bar->hide();
    m_elapsed->hide();
    m_button->setText(tr("Dismiss"));
    m_button->setToolTip(QString());
    show();
}

QString ProgressStrip::text() const {
    return m_text->text();
}

void ProgressStrip::updateElapsed() {
    const qint64 s = m_clock.elapsed() / 1000;
    m_elapsed->setText(s < 60 ? tr("%1 s").arg(s)
                              : tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar(u'0')));
}

} // namespace pw
