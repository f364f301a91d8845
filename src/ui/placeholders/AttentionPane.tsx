export function AttentionPane() {
  return (
    <section className="pane placeholder-pane" aria-label="Attention view" data-testid="attention-view">
      <header className="pane-title">Attention</header>
      <p className="honest">
        Needs the model (issues 4 and 5); until then nothing is drawn here and no data is made up.
      </p>
      <p>
        For the selected token: each layer's heads, labelled from the graph; for a head, its 2-D keys as points,
        their convex hull, the query direction, and the winning key with the earlier token it selects.
      </p>
      <p>
        Why a hull: a head picks the key with the largest dot product with the query, and a linear function over
        a set of points is largest at a vertex of their convex hull. Only hull vertices can win, so a lookup
        costs O(log n).
      </p>
    </section>
  );
}
