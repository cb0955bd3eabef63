// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace pw {

// The workbench's main window: the case on the left, results on the right.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    bool openCase(const QString &fileName);
    bool openSample(const QString &name);
    void showResultTab(const QString &name);
    bool saveScreenshot(const QString &fileName);

private:
    bool loadBytes(const QByteArray &bytes, const QString &displayName);
    QLabel *m_summary = nullptr;
    QTabWidget *m_results = nullptr;
};

} // namespace pw
