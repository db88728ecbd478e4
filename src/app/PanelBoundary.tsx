/**
 * A panel that throws while rendering shows a message and a "Show the panel again" button instead of
 * taking the whole page down with it (React unmounts the tree above an uncaught render error): the
 * header, the tabs, the engine and the link's state stay, so the class can go on with another panel.
 * Keyed by the panel in App.tsx, so switching tabs starts afresh.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class PanelBoundary extends Component<{ name: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for a bug report; the page itself goes on.
    console.error(`The ${this.props.name} panel failed to draw:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="panel-crash">
        <p>
          <strong>The {this.props.name} panel hit an unexpected error and could not be drawn</strong> ({error.message || 'no details'}).
          The rest of the app still works, and nothing in the link was lost.
        </p>
        <p>
          Fix: <button type="button" onClick={() => this.setState({ error: null })}>Show the panel again</button>, or switch to another panel;
          if it keeps happening, reload the page.
        </p>
      </div>
    );
  }
}
