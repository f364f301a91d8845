export function AttentionPane() {
  return (
    <section className="pane placeholder-pane" aria-label="Attention view" data-testid="attention-view">
      <header className="pane-title">Attention</header>
      <p>
        For the selected token this pane will show, layer by layer, each attention head labelled with its name in
        the computation graph; for a head, its 2-D keys as points, the convex hull of those keys, the query
        direction, the winning key and the earlier token it selects (click to jump there).
      </p>
      <p>
        Why a hull: each head picks the key that maximises the dot product with the query. A linear function over a
        set of points is maximised at a vertex of their convex hull, so only hull vertices can ever win — which is
        what lets the inference core answer each lookup in O(log n).
      </p>
      <p className="honest">
        It needs the model (weights from issue 4, the inference core from issue 5). Until they land nothing is
        drawn here: no attention data is made up.
      </p>
    </section>
  );
}
