package org.uketsuke.eligibility.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The one place that parses and writes XML: DTDs, external entities and XInclude are refused (XXE, billion
 * laughs), and elements are found by name wherever they stand (real files do not keep the specification's order).
 */
public final class SafeXml {

    /** Factories are costly to find and not thread-safe: one hardened parser and one serialiser per thread. */
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(SafeXml::hardenedParser);

    private static final ThreadLocal<Transformer> WRITER = ThreadLocal.withInitial(SafeXml::newTransformer);

    private SafeXml() {}

    private static DocumentBuilder hardenedParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    private static Transformer newTransformer() {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            return transformer;
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Document parse(byte[] bytes) throws MalformedMessageException {
        try {
            DocumentBuilder builder = PARSER.get();
            builder.reset();
            builder.setErrorHandler(null);
            Charset declared = ResultBytes.charsetOf(bytes);
            Charset reading = ResultBytes.forReading(declared);
            // Shift_JIS is decoded here as code page 932: the parser's own Shift_JIS would lose 髙 and its kin.
            return reading.equals(declared)
                    ? builder.parse(new ByteArrayInputStream(bytes))
                    : builder.parse(new InputSource(new StringReader(new String(bytes, reading))));
        } catch (SAXException e) {
            throw new MalformedMessageException("not a well-formed message without DTD: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable message: " + e.getMessage(), e);
        }
    }

    /** An empty document from the thread's parser: no factory lookup (a class-path scan) per message written. */
    public static Document newDocument() {
        return PARSER.get().newDocument();
    }

    /**
     * Serialises with {@code <?xml version="1.0" encoding="…" standalone="no"?>}, as the official files are: the
     * documents our codecs build by {@link PlainXmlWriter}, anything else by the identity {@code Transformer}, with
     * the same bytes either way.
     */
    public static byte[] write(Document document, Charset charset) {
        return PlainXmlWriter.write(document, charset).orElseGet(() -> transformed(document, charset));
    }

    /** The identity {@code Transformer}'s serialisation (indent 2). */
    static byte[] transformed(Document document, Charset charset) {
        try {
            Transformer transformer = WRITER.get();
            transformer.setOutputProperty(OutputKeys.ENCODING, charset.name());
            document.setXmlStandalone(false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("could not serialise a message we built", e);
        }
    }

    /**
     * The first element of that name below {@code parent}, at any depth, in document order (what
     * {@code getElementsByTagName(name).item(0)} answers, without making a node list per lookup).
     */
    @SuppressWarnings("ReferenceEquality") // the walk ends when it climbs back to this very node
    public static Optional<Element> find(Node parent, String name) {
        Node node = parent.getFirstChild();
        while (node != null) {
            if (node.getNodeType() == Node.ELEMENT_NODE && name.equals(node.getNodeName())) {
                return Optional.of((Element) node);
            }
            Node next = node.getFirstChild();
            while (next == null && node != parent) {
                next = node.getNextSibling();
                if (next == null) {
                    node = node.getParentNode();
                }
            }
            node = next;
        }
        return Optional.empty();
    }

    /** The trimmed text of the first element of that name, or empty when absent or blank. */
    public static Optional<String> text(Node parent, String name) {
        return find(parent, name)
                .map(Element::getTextContent)
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    /** The untrimmed text (for fields whose padding means something, such as a 6-digit 保険者番号). */
    public static Optional<String> rawText(Node parent, String name) {
        return find(parent, name).map(Element::getTextContent).filter(s -> !s.isBlank());
    }

    public static String required(Node parent, String name) throws MalformedMessageException {
        return text(parent, name).orElseThrow(() -> new MalformedMessageException("missing " + name));
    }

    public static Element child(Node parent, String name) {
        Document document = parent instanceof Document d ? d : parent.getOwnerDocument();
        Element element = document.createElement(name);
        parent.appendChild(element);
        return element;
    }

    public static void leaf(Element parent, String name, String value) {
        if (value != null) {
            child(parent, name).setTextContent(value);
        }
    }
}
