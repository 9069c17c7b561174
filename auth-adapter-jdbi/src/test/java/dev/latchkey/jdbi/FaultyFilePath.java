package dev.latchkey.jdbi;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An H2 file system ({@code jdbc:h2:faulty:/dir/name}) over the real one that counts the syncs of
 * the files it opens and the bytes written since the last one, and that fails every write with
 * "No space left on device" while {@link #full} is set: a full disk, on any machine.
 */
public final class FaultyFilePath extends FilePathWrapper {

    static final AtomicLong SYNCS = new AtomicLong();
    static final AtomicLong UNSYNCED_BYTES = new AtomicLong();
    static volatile boolean full;

    static {
        FilePath.register(new FaultyFilePath());
    }

    /** From now on every write fails as on a full disk ({@code true}), or succeeds again. */
    public static void diskFull(boolean isFull) {
        full = isFull;
    }

    /** The JDBC URL of an H2 file database under {@code dir} on this file system, with the server's options. */
    public static String url(Path dir) {
        return "jdbc:h2:faulty:" + dir.toAbsolutePath().resolve("latchkey") + DatabaseSettings.H2_OPTIONS;
    }

    /** An H2 file database under {@code dir}, on this file system, with the server's options. */
    static DatabaseSettings settings(Path dir) {
        full = false;
        return new DatabaseSettings(url(dir), "sa", "", 4);
    }

    @Override
    public String getScheme() {
        return "faulty";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new FaultyFile(getBase().open(mode));
    }

    private static final class FaultyFile extends FileBase {

        private final FileChannel base;

        FaultyFile(FileChannel base) {
            this.base = base;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            refuseWhenFull();
            int written = base.write(src);
            UNSYNCED_BYTES.addAndGet(written);
            return written;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            refuseWhenFull();
            int written = base.write(src, position);
            UNSYNCED_BYTES.addAndGet(written);
            return written;
        }

        private static void refuseWhenFull() throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            long before = UNSYNCED_BYTES.get();
            base.force(metaData);
            UNSYNCED_BYTES.addAndGet(-before);
            SYNCS.incrementAndGet();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            refuseWhenFull();
            base.truncate(size);
            return this;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
