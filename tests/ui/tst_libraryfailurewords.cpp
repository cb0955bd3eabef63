// SPDX-License-Identifier: MIT
// The sentence the window says when the library server cannot be used names the server and says which
// trouble it is: nothing listening on HOST:PORT (and, for a server this window was connected to, that it
// was stopped), the server closed the connection, is starting up or shutting down, or refused the
// password. Never the password; the server's own text is not repeated in the sentence (it is shown apart,
// escaped). A real connection attempt to a port nobody listens on says so with the address.
#include "library/libraryconnection.h"
#include "testsupport.h"
#include "windowfixture.h"

#include <QTest>

using namespace pw;

namespace {

LibraryLocation serverAt(const QString &host, int port) {
    LibraryLocation l;
    l.kind = LibraryLocation::Kind::Server;
    l.host = host;
    l.port = port;
    l.user = QStringLiteral("alice");
    l.database = QStringLiteral("library");
    l.sslMode = QStringLiteral("disable");
    return l;
}

const QString kRefused = QStringLiteral(
    "The library server 127.0.0.1:5999 cannot be reached: connection to server at \"127.0.0.1\", port 5999 "
    "failed: Connection refused Is the server running on that host and accepting TCP/IP connections?");

} // namespace

class TestLibraryFailureWords : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sentenceSaysWhichTrouble_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("error");
        QTest::addColumn<bool>("reachedBefore");
        QTest::addColumn<QString>("expected");
        const int unreachable = int(LibraryFailure::Unreachable);
        const QString local = QStringLiteral("127.0.0.1");
        QTest::newRow("wrong port: nothing listening")
            << local << unreachable << kRefused << false
            << QStringLiteral(
                   "Nothing is listening on 127.0.0.1:5999: check the port, and that the server is "
                   "running.");
        QTest::newRow("stopped server: nothing listening any more")
            << local << unreachable << kRefused << true
            << QStringLiteral("Nothing is listening on 127.0.0.1:5999 any more: the server was stopped (it "
                              "answered earlier).");
        QTest::newRow("connection cut mid-session")
            << local << unreachable
            << QStringLiteral("Cannot list the cases: the library server 127.0.0.1:5999 cannot be reached "
                              "(server closed the connection unexpectedly This probably means the server "
                              "terminated abnormally before or while processing the request.)")
            << true
            << QStringLiteral("The server at 127.0.0.1:5999 closed the connection: it was stopped or "
                              "restarted, or the network dropped.");
        QTest::newRow("stopped by its administrator")
            << local << unreachable
            << QStringLiteral("Cannot save the case: the library server 127.0.0.1:5999 cannot be reached "
                              "(FATAL: terminating connection due to administrator command)")
            << true
            << QStringLiteral("The server at 127.0.0.1:5999 closed the connection: it was stopped or "
                              "restarted, or the network dropped.");
        QTest::newRow("starting up")
            << local << unreachable
            << QStringLiteral("The library server 127.0.0.1:5999 cannot be reached: connection to server at "
                              "\"127.0.0.1\", port 5999 failed: FATAL: the database system is starting up")
            << false
            << QStringLiteral("The server at 127.0.0.1:5999 is starting up: it is tried again shortly.");
        QTest::newRow("shutting down")
            << local << unreachable
            << QStringLiteral("The library server 127.0.0.1:5999 cannot be reached: connection to server at "
                              "\"127.0.0.1\", port 5999 failed: FATAL: the database system is shutting down")
            << true
            << QStringLiteral("The server at 127.0.0.1:5999 is shutting down: it is tried again until it is "
                              "back.");
        QTest::newRow("wrong password")
            << local << int(LibraryFailure::Refused)
            << QStringLiteral("The library server 127.0.0.1:5999 refused alice's login to database library: "
                              "connection to server at \"127.0.0.1\", port 5999 failed: FATAL: password "
                              "authentication failed for user \"alice\" (s3cret-Pa55)")
            << false
            << QStringLiteral(
                   "Wrong user name or password: the server at 127.0.0.1:5999 refused the password "
                   "of alice.");
        QTest::newRow("IPv6 address in brackets")
            << QStringLiteral("::1") << unreachable << kRefused << false
            << QStringLiteral("Nothing is listening on [::1]:5999: check the port, and that the server is "
                              "running.");
        QTest::newRow("unknown host")
            << QStringLiteral("db.agency.invalid") << unreachable
            << QStringLiteral("could not translate host name \"db.agency.invalid\" to address: Name or "
                              "service not known")
            << false << QStringLiteral("The host name db.agency.invalid is not known: check its spelling.");
    }
    void sentenceSaysWhichTrouble() {
        QFETCH(QString, host);
        QFETCH(int, failure);
        QFETCH(QString, error);
        QFETCH(bool, reachedBefore);
        QFETCH(QString, expected);
        const QString said =
            describeLibraryFailure(LibraryFailure(failure), error, serverAt(host, 5999), reachedBefore);
        QCOMPARE(said, expected);
        QVERIFY(!said.contains(QStringLiteral("s3cret"))); // never a password, whatever the text held
    }

    // The line under the sentence says whose words follow: the server's only when it sent them (libpq tags
    // them FATAL:/ERROR:/PANIC:); libpq's own account of a server that never answered is "Details". Lines
    // of libpq's text never run together without a full stop.
    void detailLineSaysWhoseWords_data() {
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing listening: libpq's two lines")
            << QStringLiteral(
                   "The library server 127.0.0.1:47812 cannot be reached: connection to server at "
                   "\"127.0.0.1\", port 47812 failed: Connection refused\n\tIs the server running on "
                   "that host and accepting TCP/IP connections?\n QPSQL: Unable to connect")
            << QStringLiteral("Details: The library server 127.0.0.1:47812 cannot be reached: connection to "
                              "server at \"127.0.0.1\", port 47812 failed: Connection refused. Is the server "
                              "running on that host and accepting TCP/IP connections?");
        QTest::newRow("silent listener: timeout")
            << QStringLiteral(
                   "The library server 127.0.0.1:47811 cannot be reached: timeout expired\n QPSQL: "
                   "Unable to connect")
            << QStringLiteral(
                   "Details: The library server 127.0.0.1:47811 cannot be reached: timeout expired");
        QTest::newRow("unknown host")
            << QStringLiteral(
                   "The library server db.agency.invalid:5432 cannot be reached: could not translate "
                   "host name \"db.agency.invalid\" to address: Name or service not known\n")
            << QStringLiteral(
                   "Details: The library server db.agency.invalid:5432 cannot be reached: could not "
                   "translate host name \"db.agency.invalid\" to address: Name or service not known");
        QTest::newRow("connection cut")
            << QStringLiteral("Cannot list the cases: the library server 127.0.0.1:5999 cannot be reached "
                              "(server closed the connection unexpectedly\n\tThis probably means the server "
                              "terminated abnormally\n\tbefore or while processing the request.)")
            << QStringLiteral("Details: Cannot list the cases: the library server 127.0.0.1:5999 cannot be "
                              "reached (server closed the connection unexpectedly. This probably means the "
                              "server terminated abnormally before or while processing the request.)");
        QTest::newRow("wrong password: the server said it")
            << QStringLiteral("The library server 127.0.0.1:5432 refused alice's login to database agency: "
                              "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password "
                              "authentication failed for user \"alice\"\n QPSQL: Unable to connect")
            << QStringLiteral("The server said: The library server 127.0.0.1:5432 refused alice's login to "
                              "database agency: connection to server at \"127.0.0.1\", port 5432 failed: "
                              "FATAL: password authentication failed for user \"alice\"");
        QTest::newRow("starting up: the server said it")
            << QStringLiteral("The library server 127.0.0.1:5432 cannot be reached: connection to server at "
                              "\"127.0.0.1\", port 5432 failed: FATAL:  the database system is starting up")
            << QStringLiteral("The server said: The library server 127.0.0.1:5432 cannot be reached: "
                              "connection to server at \"127.0.0.1\", port 5432 failed: FATAL: the database "
                              "system is starting up");
        QTest::newRow("no detail") << QString() << QString();
    }
    void detailLineSaysWhoseWords() {
        QFETCH(QString, error);
        QFETCH(QString, expected);
        QCOMPARE(libraryFailureDetailLine(error), expected);
    }

    void nothingListeningIsSaidWithTheAddress() {
        // A real attempt: libpq's own refusal, through the check the settings dialog and the window use.
        const int port = test::closedPort();
        const QString password = QStringLiteral("s3cret-Pa55");
        const ConnectionCheck c =
            checkLibraryConnection(serverAt(QStringLiteral("127.0.0.1"), port), password);
        QVERIFY(!c.connected);
        QCOMPARE(c.failure, LibraryFailure::Unreachable);
        QCOMPARE(c.words, QStringLiteral("Nothing is listening on 127.0.0.1:%1: check the port, and that the "
                                         "server is running.")
                              .arg(port));
        QVERIFY2(!c.words.contains(password) && !c.detail.contains(password), qPrintable(c.detail));
        // No server spoke: libpq's words are shown as details, as sentences.
        const QString line = libraryFailureDetailLine(c.detail);
        QVERIFY2(line.startsWith(QStringLiteral("Details: ")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("Connection refused. Is the server running")),
                 qPrintable(line));
    }
};

QTEST_MAIN(TestLibraryFailureWords)
#include "tst_libraryfailurewords.moc"
