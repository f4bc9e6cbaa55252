package dev.hil.drivers.uboot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flattened device tree (DTB, version 17) built in memory: the container format of U-Boot's FIT
 * images. Only what a FIT needs: nodes with string, 32-bit cell and byte-string properties, no
 * memory reservations, no phandles.
 */
final class DeviceTreeBlob {
    private static final int MAGIC = 0xd00dfeed;
    private static final int BEGIN_NODE = 1;
    private static final int END_NODE = 2;
    private static final int PROP = 3;
    private static final int END = 9;
    private static final int HEADER_BYTES = 40;
    private static final int RESERVE_MAP_BYTES = 16; // one terminating (0, 0) entry

    /** One node: properties in insertion order, then children in insertion order. */
    static final class Node {
        private final String name;
        private final Map<String, byte[]> properties = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();

        private Node(String name) {
            this.name = name;
        }

        Node string(String property, String value) {
            byte[] s = value.getBytes(StandardCharsets.UTF_8);
            byte[] v = new byte[s.length + 1]; // NUL-terminated, as U-Boot's fdt_getprop users expect
            System.arraycopy(s, 0, v, 0, s.length);
            properties.put(property, v);
            return this;
        }

        Node cell(String property, int value) {
            properties.put(property, ByteBuffer.allocate(4).putInt(value).array());
            return this;
        }

        Node bytes(String property, byte[] value) {
            properties.put(property, value.clone());
            return this;
        }

        Node child(String childName) {
            Node n = new Node(childName);
            children.add(n);
            return n;
        }
    }

    private final Node root = new Node("");

    Node root() {
        return root;
    }

    byte[] encode() {
        ByteArrayOutputStream structure = new ByteArrayOutputStream();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        Map<String, Integer> stringOffsets = new LinkedHashMap<>();
        write(root, structure, strings, stringOffsets);
        writeInt(structure, END);
        byte[] st = structure.toByteArray();
        byte[] str = strings.toByteArray();
        int offStruct = HEADER_BYTES + RESERVE_MAP_BYTES;
        int offStrings = offStruct + st.length;
        int total = offStrings + str.length;
        ByteBuffer out = ByteBuffer.allocate(total); // big-endian, as the format requires
        out.putInt(MAGIC).putInt(total).putInt(offStruct).putInt(offStrings).putInt(HEADER_BYTES)
                .putInt(17).putInt(16).putInt(0).putInt(str.length).putInt(st.length);
        out.put(new byte[RESERVE_MAP_BYTES]);
        out.put(st).put(str);
        return out.array();
    }

    private static void write(Node n, ByteArrayOutputStream st, ByteArrayOutputStream strings,
                              Map<String, Integer> offsets) {
        writeInt(st, BEGIN_NODE);
        st.writeBytes(n.name.getBytes(StandardCharsets.UTF_8));
        st.write(0);
        align(st);
        for (Map.Entry<String, byte[]> p : n.properties.entrySet()) {
            Integer off = offsets.get(p.getKey());
            if (off == null) {
                off = strings.size();
                offsets.put(p.getKey(), off);
                strings.writeBytes(p.getKey().getBytes(StandardCharsets.UTF_8));
                strings.write(0);
            }
            writeInt(st, PROP);
            writeInt(st, p.getValue().length);
            writeInt(st, off);
            st.writeBytes(p.getValue());
            align(st);
        }
        for (Node c : n.children) {
            write(c, st, strings, offsets);
        }
        writeInt(st, END_NODE);
    }

    private static void align(ByteArrayOutputStream st) {
        while (st.size() % 4 != 0) {
            st.write(0);
        }
    }

    private static void writeInt(ByteArrayOutputStream st, int v) {
        st.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }
}
