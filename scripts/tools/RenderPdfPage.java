import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders one page of a PDF to a PNG with PDFBox (the test dependency that reads the reports back).
 * Run from source by scripts/readme-picture: java -cp PDFBOX_CLASSPATH RenderPdfPage.java IN.pdf PAGE DPI OUT.png
 */
public class RenderPdfPage {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RenderPdfPage IN.pdf PAGE DPI OUT.png (PAGE counts from 1)");
            System.exit(2);
        }
        try (PDDocument pdf = Loader.loadPDF(new File(args[0]))) {
            int page = Integer.parseInt(args[1]) - 1;
            BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page, Float.parseFloat(args[2]), ImageType.RGB);
            if (!ImageIO.write(image, "png", new File(args[3]))) {
                throw new IllegalStateException("no PNG writer");
            }
        }
    }
}
