// SPDX-License-Identifier: MIT
// LibraryLocation::fromUrl: what a library server URL may say, and the sentence for each mistake; on the
// command line a bad --server is a mistake (exit 1), never a connection attempt or the local library.
#include "store/librarylocation.h"
#include "testsupport.h"

#include <QTest>

using namespace pw;

class TestLibraryLocation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void accepted_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("sslMode");
        QTest::newRow("plain") << "postgresql://alice@db.example/agency"
                               << "db.example" << 5432 << "agency"
                               << "prefer";
        QTest::newRow("port and sslmode") << "postgres://alice@127.0.0.1:6543/agency?sslmode=require"
                                          << "127.0.0.1" << 6543 << "agency"
                                          << "require";
        QTest::newRow("bracketed IPv6") << "postgresql://alice@[::1]:5433/agency"
                                        << "::1" << 5433 << "agency"
                                        << "prefer";
        QTest::newRow("port 65535") << "postgresql://alice@h:65535/agency"
                                    << "h" << 65535 << "agency"
                                    << "prefer";
    }
    void accepted() {
        QFETCH(QString, url);
        QString error;
        const auto l = LibraryLocation::fromUrl(url, &error);
        QVERIFY2(l, qPrintable(error));
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QString, sslMode);
        QCOMPARE(l->host, host);
        QCOMPARE(l->port, port);
        QCOMPARE(l->database, database);
        QCOMPARE(l->sslMode, sslMode);
        QCOMPARE(l->user, QStringLiteral("alice"));
    }

    void refused_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("error");
        const QString port = QStringLiteral("the library server's port must be a number from 1 to 65535");
        const QString control = QStringLiteral("the library server URL contains a control character");
        QTest::newRow("empty") << ""
                               << "a library server is written postgresql://USER@HOST:PORT/DATABASE";
        QTest::newRow("blank") << "   "
                               << "a library server is written postgresql://USER@HOST:PORT/DATABASE";
        QTest::newRow("sslmode twice") << "postgresql://alice@h/agency?sslmode=require&sslmode=disable"
                                       << "the library server URL gives an option twice (sslmode)";
        QTest::newRow("%00 in the database") << "postgresql://alice@h/agency%00x" << control;
        QTest::newRow("%1B in the user") << "postgresql://al%1Bice@h/agency" << control;
        QTest::newRow("%00 in sslmode") << "postgresql://alice@h/agency?sslmode=require%00" << control;
        QTest::newRow("raw newline") << "postgresql://alice@h/agen\ncy" << control;
        QTest::newRow("raw RTL override")
            << QStringLiteral("postgresql://alice@h/agency") + QChar(0x202e) << control;
        QTest::newRow("port 0") << "postgresql://alice@h:0/agency" << port + QStringLiteral(" (not \"0\")");
        QTest::newRow("port 99999") << "postgresql://alice@h:99999/agency"
                                    << port + QStringLiteral(" (not \"99999\")");
        QTest::newRow("port 65536") << "postgresql://alice@h:65536/agency"
                                    << port + QStringLiteral(" (not \"65536\")");
        QTest::newRow("port -1") << "postgresql://alice@h:-1/agency"
                                 << port + QStringLiteral(" (not \"-1\")");
        QTest::newRow("port word") << "postgresql://alice@h:abc/agency"
                                   << port + QStringLiteral(" (not \"abc\")");
        QTest::newRow("port empty") << "postgresql://alice@h:/agency" << port + QStringLiteral(" (not \"\")");
        QTest::newRow("unbracketed IPv6") << "postgresql://alice@::1:5432/agency"
                                          << "an IPv6 address is written in brackets: "
                                             "postgresql://USER@[::1]:5432/DATABASE";
        QTest::newRow("unbracketed IPv6 without port")
            << "postgresql://alice@fe80::1/agency"
            << "an IPv6 address is written in brackets: postgresql://USER@[::1]:5432/DATABASE";
        QTest::newRow("fragment") << "postgresql://alice@h/agency#frag"
                                  << "the library server URL must not have a #fragment";
        QTest::newRow("password")
            << "postgresql://alice:secret@h/agency"
            << "a library server URL must not contain a password (use PGPASSWORD or the "
               "keychain: Edit → Library settings… in the window)";
    }
    void refused() {
        QFETCH(QString, url);
        QFETCH(QString, error);
        QString said;
        QVERIFY(!LibraryLocation::fromUrl(url, &said));
        QCOMPARE(said, error);
    }

    // The command line: a bad --server is exit 1 with the sentence; an empty one is refused, not local.
    void commandLine_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << ""
                               << "library: --server needs a URL (postgresql://USER@HOST:PORT/DATABASE); "
                                  "without --server the library is the local one\n";
        QTest::newRow("%00") << "postgresql://alice@127.0.0.1:1/agency%00x"
                             << "library: --server: the library server URL contains a control character\n";
        QTest::newRow("sslmode twice") << "postgresql://alice@127.0.0.1:1/a?sslmode=require&sslmode=disable"
                                       << "library: --server: the library server URL gives an option twice "
                                          "(sslmode)\n";
    }
    void commandLine() {
        QFETCH(QString, url);
        QFETCH(QString, error);
        const auto r = test::runWorkbench(
            {QStringLiteral("library"), QStringLiteral("--server"), url, QStringLiteral("list")},
            {QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=/nonexistent/never-created")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err), error);
        QCOMPARE(r.out, QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestLibraryLocation)
#include "tst_librarylocation.moc"
