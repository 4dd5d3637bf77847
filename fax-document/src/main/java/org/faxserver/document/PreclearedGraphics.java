package org.faxserver.document;

import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.text.AttributedCharacterIterator;
import java.util.Map;

/**
 * A Graphics2D that passes everything to another one except the first {@code clearRect}.
 *
 * <p>PDFBox's {@code renderPageToGraphics} starts by clearing the page with the background colour.
 * On a 1-bit raster Java2D fills pixel by pixel (~3 ms per A4 page, a quarter of the rendering
 * time), while {@link Bilevel#newPage} already made the page white with a memory fill; so that
 * one clear is skipped. Later clears are passed on.
 */
final class PreclearedGraphics extends Graphics2D {

  private final Graphics2D delegate;
  private boolean skipNextClear = true;

  PreclearedGraphics(Graphics2D delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean drawImage(Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, Color a9, ImageObserver a10) {
    return delegate.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
  }

  @Override
  public boolean drawImage(Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, ImageObserver a9) {
    return delegate.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9);
  }

  @Override
  public boolean drawImage(Image a0, int a1, int a2, int a3, int a4, Color a5, ImageObserver a6) {
    return delegate.drawImage(a0, a1, a2, a3, a4, a5, a6);
  }

  @Override
  public boolean drawImage(Image a0, int a1, int a2, int a3, int a4, ImageObserver a5) {
    return delegate.drawImage(a0, a1, a2, a3, a4, a5);
  }

  @Override
  public boolean drawImage(Image a0, int a1, int a2, Color a3, ImageObserver a4) {
    return delegate.drawImage(a0, a1, a2, a3, a4);
  }

  @Override
  public boolean drawImage(Image a0, int a1, int a2, ImageObserver a3) {
    return delegate.drawImage(a0, a1, a2, a3);
  }

  @Override
  public boolean drawImage(Image a0, AffineTransform a1, ImageObserver a2) {
    return delegate.drawImage(a0, a1, a2);
  }

  @Override
  public boolean hit(Rectangle a0, Shape a1, boolean a2) {
    return delegate.hit(a0, a1, a2);
  }

  @Override
  public Color getBackground() {
    return delegate.getBackground();
  }

  @Override
  public Color getColor() {
    return delegate.getColor();
  }

  @Override
  public Composite getComposite() {
    return delegate.getComposite();
  }

  @Override
  public Font getFont() {
    return delegate.getFont();
  }

  @Override
  public FontMetrics getFontMetrics(Font a0) {
    return delegate.getFontMetrics(a0);
  }

  @Override
  public Graphics create() {
    return delegate.create();
  }

  @Override
  public GraphicsConfiguration getDeviceConfiguration() {
    return delegate.getDeviceConfiguration();
  }

  @Override
  public Paint getPaint() {
    return delegate.getPaint();
  }

  @Override
  public Rectangle getClipBounds() {
    return delegate.getClipBounds();
  }

  @Override
  public RenderingHints getRenderingHints() {
    return delegate.getRenderingHints();
  }

  @Override
  public Shape getClip() {
    return delegate.getClip();
  }

  @Override
  public Stroke getStroke() {
    return delegate.getStroke();
  }

  @Override
  public FontRenderContext getFontRenderContext() {
    return delegate.getFontRenderContext();
  }

  @Override
  public AffineTransform getTransform() {
    return delegate.getTransform();
  }

  @Override
  public Object getRenderingHint(RenderingHints.Key a0) {
    return delegate.getRenderingHint(a0);
  }

  @Override
  public void addRenderingHints(Map<?, ?> a0) {
    delegate.addRenderingHints(a0);
  }

  @Override
  public void clearRect(int a0, int a1, int a2, int a3) {
    if (skipNextClear) {
      skipNextClear = false;
      return;
    }
    delegate.clearRect(a0, a1, a2, a3);
  }

  @Override
  public void clip(Shape a0) {
    delegate.clip(a0);
  }

  @Override
  public void clipRect(int a0, int a1, int a2, int a3) {
    delegate.clipRect(a0, a1, a2, a3);
  }

  @Override
  public void copyArea(int a0, int a1, int a2, int a3, int a4, int a5) {
    delegate.copyArea(a0, a1, a2, a3, a4, a5);
  }

  @Override
  public void dispose() {
    delegate.dispose();
  }

  @Override
  public void draw(Shape a0) {
    delegate.draw(a0);
  }

  @Override
  public void drawArc(int a0, int a1, int a2, int a3, int a4, int a5) {
    delegate.drawArc(a0, a1, a2, a3, a4, a5);
  }

  @Override
  public void drawGlyphVector(GlyphVector a0, float a1, float a2) {
    delegate.drawGlyphVector(a0, a1, a2);
  }

  @Override
  public void drawImage(BufferedImage a0, BufferedImageOp a1, int a2, int a3) {
    delegate.drawImage(a0, a1, a2, a3);
  }

  @Override
  public void drawLine(int a0, int a1, int a2, int a3) {
    delegate.drawLine(a0, a1, a2, a3);
  }

  @Override
  public void drawOval(int a0, int a1, int a2, int a3) {
    delegate.drawOval(a0, a1, a2, a3);
  }

  @Override
  public void drawPolygon(int[] a0, int[] a1, int a2) {
    delegate.drawPolygon(a0, a1, a2);
  }

  @Override
  public void drawPolyline(int[] a0, int[] a1, int a2) {
    delegate.drawPolyline(a0, a1, a2);
  }

  @Override
  public void drawRenderableImage(RenderableImage a0, AffineTransform a1) {
    delegate.drawRenderableImage(a0, a1);
  }

  @Override
  public void drawRenderedImage(RenderedImage a0, AffineTransform a1) {
    delegate.drawRenderedImage(a0, a1);
  }

  @Override
  public void drawRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) {
    delegate.drawRoundRect(a0, a1, a2, a3, a4, a5);
  }

  @Override
  public void drawString(String a0, float a1, float a2) {
    delegate.drawString(a0, a1, a2);
  }

  @Override
  public void drawString(String a0, int a1, int a2) {
    delegate.drawString(a0, a1, a2);
  }

  @Override
  public void drawString(AttributedCharacterIterator a0, float a1, float a2) {
    delegate.drawString(a0, a1, a2);
  }

  @Override
  public void drawString(AttributedCharacterIterator a0, int a1, int a2) {
    delegate.drawString(a0, a1, a2);
  }

  @Override
  public void fill(Shape a0) {
    delegate.fill(a0);
  }

  @Override
  public void fillArc(int a0, int a1, int a2, int a3, int a4, int a5) {
    delegate.fillArc(a0, a1, a2, a3, a4, a5);
  }

  @Override
  public void fillOval(int a0, int a1, int a2, int a3) {
    delegate.fillOval(a0, a1, a2, a3);
  }

  @Override
  public void fillPolygon(int[] a0, int[] a1, int a2) {
    delegate.fillPolygon(a0, a1, a2);
  }

  @Override
  public void fillRect(int a0, int a1, int a2, int a3) {
    delegate.fillRect(a0, a1, a2, a3);
  }

  @Override
  public void fillRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) {
    delegate.fillRoundRect(a0, a1, a2, a3, a4, a5);
  }

  @Override
  public void rotate(double a0) {
    delegate.rotate(a0);
  }

  @Override
  public void rotate(double a0, double a1, double a2) {
    delegate.rotate(a0, a1, a2);
  }

  @Override
  public void scale(double a0, double a1) {
    delegate.scale(a0, a1);
  }

  @Override
  public void setBackground(Color a0) {
    delegate.setBackground(a0);
  }

  @Override
  public void setClip(int a0, int a1, int a2, int a3) {
    delegate.setClip(a0, a1, a2, a3);
  }

  @Override
  public void setClip(Shape a0) {
    delegate.setClip(a0);
  }

  @Override
  public void setColor(Color a0) {
    delegate.setColor(a0);
  }

  @Override
  public void setComposite(Composite a0) {
    delegate.setComposite(a0);
  }

  @Override
  public void setFont(Font a0) {
    delegate.setFont(a0);
  }

  @Override
  public void setPaint(Paint a0) {
    delegate.setPaint(a0);
  }

  @Override
  public void setPaintMode() {
    delegate.setPaintMode();
  }

  @Override
  public void setRenderingHint(RenderingHints.Key a0, Object a1) {
    delegate.setRenderingHint(a0, a1);
  }

  @Override
  public void setRenderingHints(Map<?, ?> a0) {
    delegate.setRenderingHints(a0);
  }

  @Override
  public void setStroke(Stroke a0) {
    delegate.setStroke(a0);
  }

  @Override
  public void setTransform(AffineTransform a0) {
    delegate.setTransform(a0);
  }

  @Override
  public void setXORMode(Color a0) {
    delegate.setXORMode(a0);
  }

  @Override
  public void shear(double a0, double a1) {
    delegate.shear(a0, a1);
  }

  @Override
  public void transform(AffineTransform a0) {
    delegate.transform(a0);
  }

  @Override
  public void translate(double a0, double a1) {
    delegate.translate(a0, a1);
  }

  @Override
  public void translate(int a0, int a1) {
    delegate.translate(a0, a1);
  }
}
