package dev.sandpod.state;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateDbTest {
    @RepeatedTest(30)
    void manyOpenersOfANewDatabaseAtOnceAllSucceed(@TempDir Path root) throws Exception {
        RootLayout layout = RootLayout.of(root);
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<StateDb>> opens = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                opens.add(pool.submit(() -> StateDb.open(layout)));
            }
            for (Future<StateDb> open : opens) {
                try (StateDb db = open.get()) {
                    int tables = db.inTransaction(c -> {
                        try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
                            return rs.getInt(1);
                        }
                    });
                    // 6 image tables, 5 sandbox tables, and sqlite_sequence for the AUTOINCREMENT keys
                    assertEquals(12, tables);
                }
            }
        }
    }
}
