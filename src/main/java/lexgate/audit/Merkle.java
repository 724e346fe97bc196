package lexgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 (section 2.1; RFC 9162 section 2.1) over the decision chain: each
 * leaf is a record's hash, leaves are hashed with a 0x00 prefix and nodes with 0x01, and the tree
 * over n leaves splits at the largest power of two below n. Written out here (fifty lines) rather
 * than taken from a library: no maintained Java library offers exactly this tree with its audit
 * paths, and the offline verifier must be able to read it.
 */
public final class Merkle {
    private Merkle() {}

    /** The hash of one leaf: SHA-256(0x00 || data). */
    public static byte[] leaf(byte[] data) {
        MessageDigest md = sha256();
        md.update((byte) 0);
        md.update(data);
        return md.digest();
    }

    /** The leaf of a record: its hash as stored ("sha256:..."), in UTF-8. */
    public static byte[] leaf(String recordHash) {
        return leaf(recordHash.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash of an inner node: SHA-256(0x01 || left || right). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest md = sha256();
        md.update((byte) 1);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The tree head of leaves [from, to) of {@code leaves} (leaf hashes, 32 bytes each, packed). */
    public static byte[] root(byte[] leaves, long from, long to) {
        long n = to - from;
        if (n <= 0) return sha256().digest(); // the empty tree: SHA-256 of nothing
        if (n == 1) return slice(leaves, from);
        long k = Long.highestOneBit(n - 1);
        return node(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    /** The same over node hashes given by index (the heads of equal, aligned subtrees taken as leaves). */
    public static byte[] root(java.util.function.LongFunction<byte[]> at, long from, long to) {
        long n = to - from;
        if (n <= 0) return sha256().digest();
        if (n == 1) return at.apply(from);
        long k = Long.highestOneBit(n - 1);
        return node(root(at, from, from + k), root(at, from + k, to));
    }

    /**
     * The tree's right edge: the roots of its perfect subtrees, largest first, one for each 1 bit
     * of the number of leaves (the "compact range" of Certificate Transparency's logs). A leaf is
     * appended in O(log n) and the root of all leaves so far is folded from the right in O(log n),
     * equal to {@link #root} over the same leaves: so a checkpoint hashes only the records appended
     * since the last one, not the whole chain again.
     */
    public static final class Frontier {
        private final List<byte[]> roots = new ArrayList<>();
        private long size;

        /** The number of leaves appended. */
        public long size() {
            return size;
        }

        /** Appends one leaf hash ({@link #leaf}): each trailing 1 bit of the size is a subtree the new one completes. */
        public void append(byte[] leafHash) {
            byte[] h = leafHash;
            for (long s = size; (s & 1) == 1; s >>>= 1) h = node(roots.remove(roots.size() - 1), h);
            roots.add(h);
            size++;
        }

        /** The tree head of the leaves appended (RFC 6962's MTH: the subtrees joined from the right). */
        public byte[] root() {
            if (size == 0) return sha256().digest();
            byte[] h = roots.get(roots.size() - 1);
            for (int i = roots.size() - 2; i >= 0; i--) h = node(roots.get(i), h);
            return h;
        }
    }

    /** The tree heads of ranges of a tree's leaves, however they are found. */
    public interface Subtrees {
        /** The tree head of leaves [from, to), {@code to > from}. */
        byte[] root(long from, long to);
    }

    /** The audit path of leaf {@code m} in the tree over leaves [0, n): the sibling hashes, from the leaf up. */
    public static List<byte[]> path(byte[] leaves, long m, long n) {
        return path((from, to) -> root(leaves, from, to), m, n);
    }

    /** The same, with the siblings' tree heads from {@code subtrees}. */
    public static List<byte[]> path(Subtrees subtrees, long m, long n) {
        List<byte[]> out = new ArrayList<>();
        path(subtrees, m, 0, n, out);
        return out;
    }

    private static void path(Subtrees subtrees, long m, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) return;
        long k = Long.highestOneBit(n - 1);
        if (m - from < k) {
            path(subtrees, m, from, from + k, out);
            out.add(subtrees.root(from + k, to));
        } else {
            path(subtrees, m, from + k, to, out);
            out.add(subtrees.root(from, from + k));
        }
    }

    /**
     * Checks an audit path (RFC 9162 section 2.1.3.2): true when the leaf hash at index {@code m} in a
     * tree of {@code n} leaves, with these siblings, gives the root.
     */
    public static boolean verify(byte[] leafHash, long m, long n, List<byte[]> path, byte[] root) {
        if (m < 0 || m >= n) return false;
        long fn = m, sn = n - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && java.util.Arrays.equals(r, root);
    }

    /** "sha256:" + hex, as heads are written. */
    public static String text(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    /** The bytes of a "sha256:hex" text. */
    public static byte[] bytes(String text) {
        return HexFormat.of().parseHex(text.startsWith("sha256:") ? text.substring(7) : text);
    }

    private static byte[] slice(byte[] leaves, long i) {
        byte[] out = new byte[32];
        System.arraycopy(leaves, (int) (i * 32), out, 0, 32);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
